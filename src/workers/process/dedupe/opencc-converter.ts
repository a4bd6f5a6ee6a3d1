import * as OpenCC from 'opencc-js';
import type { ConverterFunction, ConverterOptions } from 'opencc-js/core';

/**
 * opencc-js's `Converter`, typed. The package's main declarations re-export `./core` without a
 * file extension, which NodeNext resolution cannot follow, so through them the function is
 * untyped; `opencc-js/core` declares the same types and resolves.
 */
export const createConverter = OpenCC.Converter as unknown as (options: ConverterOptions) => ConverterFunction;
