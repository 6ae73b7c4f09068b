// bulk-delete/: the vendor-neutral engine every bulk delete runs through, the mutations now
// and a background worker later. It knows no vendor, no GraphQL and no HTTP; what it needs
// (how to send a batch, how many at once) is passed in.
//
//   getDistinctValidIds        validate, de-duplicate, once (ids.ts)
//   createPlan                 cut, fingerprint: once (plan.ts)
//   runBatches                 send batch by batch, a bounded number in flight, stop on a
//                              refusal or a signal, report each outcome; the batches come
//                              from a plan or are read as their turn comes (run-batches.ts)
//   BatchOutcome               answered | refused | not-sent | unknown (outcome.ts)
//   buildResult                one result from every batch's outcome, checked against the
//                              accounting rule in the same pass (result.ts)
//
// Terms (docs/contract.md §1), used the same way in the code and the tests:
//   requested        the distinct IDs of one call, in first-seen order (duplicates count once)
//   deleted          the vendor said it deleted the ID (in a dry run: would delete it)
//   not found        the vendor said the ID does not exist, so there was nothing to delete
//   failed           not deleted, or not known to be deleted; one row in `failures` per ID
//   outcome unknown  a failure whose ID may or may not have been deleted (OUTCOME_UNKNOWN)
//   batch            a slice of the requested IDs sent together; one BatchOutcome each
//   call             one request to the vendor for a batch, however many attempts it takes
//                    (Stoq's skip-sent retry makes several calls for its one batch)
//   attempt          one HTTP request of a call; retries are further attempts of the same call
export { getDistinctValidIds, getValidIds, getValidStreamId, getValidToken, type DistinctIds } from './ids.ts';
export { fingerprintInput, type FingerprintOptions, type InputFingerprint } from './fingerprint.ts';
export { batchIds, createPlan, type Plan, type PlanRules } from './plan.ts';
export { runBatches, type BatchSource, type RunBatchesOptions, type SendBatch } from './run-batches.ts';
export {
  accountOf, answeredBatch, failureCodeForRefusal, isConsistent, joinCallOutcomes, metadataOf, notSentBatch, refusedBatch, stopsLaterBatches, unknownBatch, NO_METADATA,
  type AnsweredBatch, type BatchAccount, type BatchOutcome, type CallMetadata, type Failure, type NotSentBatch, type RateLimitObservation, type RefusedBatch, type UnknownBatch,
} from './outcome.ts';
export { assertAccounting, buildResult, type BulkDeleteResultModel, type ResultKind } from './result.ts';
