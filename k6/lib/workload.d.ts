// Types of workload.js for the TypeScript tests.

export interface Weighted {
  weight: number;
}

export interface NewPet {
  name: string;
  location: string;
  tags: string[];
}

export declare const PETS_MIX: {
  op: 'get' | 'list' | 'tagCounts' | 'move' | 'createDelete';
  weight: number;
}[];
export declare const LOCATIONS: string[];
export declare const TAGS: string[];
export declare function pickWeighted<T extends Weighted>(entries: T[], random: number): T;
export declare function pickOne<T>(list: T[], random: number): T;
export declare function newPet(random: () => number, label: string): NewPet;
