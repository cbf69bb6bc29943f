// V8 flags the server should run with (`node <flags> --import tsx server/main.ts`); test support and
// `npm start` start it the same way, and the `server` script in package.json repeats them.
// They cannot be set from inside the process: the heap is sized at start.
//
// A larger young generation: a tus PATCH streams every 64 KB socket read through @tus/server's
// web-stream conversion (node → web → node streams), which allocates promises and small objects
// per chunk. With V8's default semi-space the scavenger ran so often that it was most of the
// server's CPU; measured on a 100 MB upload in 8 MB PATCHes (2 shared cores): ~1000 ms → ~400 ms
// server CPU, about 2× the throughput (bench/tus-ingest.bench.ts).
export const serverNodeFlags: readonly string[] = ['--max-semi-space-size=32']
