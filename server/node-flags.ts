// V8 flags the server should run with (`node <flags> --import tsx server/main.ts`); test support and
// `npm start` start it the same way, and the `server` script in package.json repeats them.
// They cannot be set from inside the process: the heap is sized at start.
//
// None at the moment. `--max-semi-space-size=32` was here while @tus/server's body went through
// Node's Readable.toWeb, which copies every 64 KB chunk: a larger young generation then halved
// the scavenger's work (~1000 → ~400 ms server CPU per 100 MB). Since the body is handed on
// uncopied (ingest/upload-body.ts) and written with one hop (ingest/upload-file-store.ts), runs
// with and without the flag disagree from one run to the next on this shared machine (~310 vs
// ~550 ms in some, the other way round in others), so the server runs with V8's defaults;
// bench/tus-ingest.bench.ts keeps a row with the flag to watch it.
export const serverNodeFlags: readonly string[] = []
