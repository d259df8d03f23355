import { workerData } from 'node:worker_threads';
import { createQualifyBatchHandler } from '../scoring/qualify-batches.js';
import type { QualifyWorkInit } from '../scoring/qualify-work.js';
import { serveRequests } from './serve-requests.js';

// Entry point of a qualify worker thread; the work is in `createQualifyBatchHandler`.
serveRequests(createQualifyBatchHandler(workerData as QualifyWorkInit));
