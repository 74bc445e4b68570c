export { createTracksClient } from './client';
export type { TracksClient, ClientOptions } from './client';
export { beaconTransport } from './transports/beacon';
export type { Transport, OutgoingEvent } from './transports/transport';
export type { TracksConfig, GateDecision } from './config';
export type { EventFamily, PropsOf } from './catalogue/schema';
