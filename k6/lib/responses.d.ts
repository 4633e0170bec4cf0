// Types of responses.js for the TypeScript tests.

export declare function parseJson(body: unknown): unknown;
export declare function isUpstreamAnswer(value: unknown): boolean;
export declare function isPet(value: unknown): boolean;
export declare function isPetPage(value: unknown): boolean;
export declare function isTagCounts(value: unknown, tag: string): boolean;
