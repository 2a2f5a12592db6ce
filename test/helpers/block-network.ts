/**
 * Preloaded with `node --import` (workers inherit it): any attempt to reach the network, through fetch or a raw
 * socket, throws and is reported on stderr as "NETWORK ATTEMPT …". Each thread that loads it says so, so a test
 * can check the block was in force where the model ran.
 */
import net from "node:net";
import { isMainThread } from "node:worker_threads";

function refuse(what: string): never {
  process.stderr.write(`NETWORK ATTEMPT ${what}\n`);
  throw new Error(`network blocked: ${what}`);
}

globalThis.fetch = (async (input: unknown) => refuse(`fetch ${String(input instanceof Request ? input.url : input)}`)) as typeof fetch;
net.Socket.prototype.connect = function connect(...args: unknown[]) {
  return refuse(`connect ${JSON.stringify(args[0])}`);
} as typeof net.Socket.prototype.connect;
process.stderr.write(`network blocked in ${isMainThread ? "main thread" : "worker thread"}\n`);
