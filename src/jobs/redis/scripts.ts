import { canTransition, JOB_STATUSES } from '../status.ts';

// The Redis store's Lua scripts. Each runs atomically in Redis, so every call that changes a job
// changes all of its keys or none: the counterpart of the SQLite store's transactions. Every
// script takes no KEYS and the same first two ARGV: the key prefix, and the time in epoch ms
// ('' to read Redis's own clock, TIME, inside the script; tests pass an injected clock). Keys
// are built from the prefix inside the scripts (the job's owner hashed with SHA-1), so the store
// needs one Redis primary (not Redis Cluster). Each script answers a table whose first element
// says what happened ('ok', or why it refused); refusals are turned into errors in redis-store.ts.

/** The allowed transitions of status.ts, as a Lua table literal: one table, written once, in both places. */
const ALLOWED = `{ ${JOB_STATUSES.map((from) => `${from} = { ${JOB_STATUSES.filter((to) => canTransition(from, to)).map((to) => `${to} = true`).join(', ')} }`).join(', ')} }`;

const PRELUDE = `
local P = ARGV[1]
local FIXED_NOW = tonumber(ARGV[2])
local ALLOWED = ${ALLOWED}
local function now()
  if FIXED_NOW ~= nil then return FIXED_NOW end
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local function str(n) return string.format('%.0f', n) end
-- Kind first (job:, ids:, batches:, …), then the job's ID: a job ID holding ':' can never name another job's key.
local function key(kind, id) return P .. kind .. ':' .. id end
local function jk(id) return key('job', id) end
local function ownerkey(kind, owner) return P .. kind .. ':' .. redis.sha1hex(owner) end
local function int(k, name) return tonumber(redis.call('HGET', k, name) or '0') end
local function can(from, to) return from and ALLOWED[from] ~= nil and ALLOWED[from][to] == true end
local function dump(id) return redis.call('HGETALL', jk(id)) end
local function owned(id, owner) return redis.call('HGET', jk(id), 'owner') == owner end
local function held(id, worker) return redis.call('HGET', jk(id), 'lease_owner') == worker end
local function unsent(k)
  local requested = int(k, 'requested')
  return requested - math.min(requested, int(k, 'batches_sent') * int(k, 'batch_size'))
end

-- The indexes follow the job's hash: the queue (QUEUED, by seq), leases (held and not settled,
-- by expiry), the owner's active set (QUEUED, RUNNING, PAUSED) and ended jobs (settled, by end).
local function sync(id)
  local h = redis.call('HMGET', jk(id), 'status', 'seq', 'owner', 'lease_owner', 'lease_expires_at', 'finished_at', 'in_flight')
  local status, seq, owner, leaseOwner, leaseExpires, finished, inFlight = h[1], h[2], h[3], h[4], h[5], h[6], tonumber(h[7] or '0')
  if status == 'QUEUED' then redis.call('ZADD', P .. 'queued', seq, id) else redis.call('ZREM', P .. 'queued', id) end
  if status == 'QUEUED' or status == 'RUNNING' or status == 'PAUSED' then
    redis.call('SADD', ownerkey('active', owner), id)
  else
    redis.call('SREM', ownerkey('active', owner), id)
  end
  if leaseOwner and (not finished or inFlight > 0) then redis.call('ZADD', P .. 'leases', leaseExpires, id) else redis.call('ZREM', P .. 'leases', id) end
  if finished and inFlight == 0 then redis.call('ZADD', P .. 'ended', finished, id) else redis.call('ZREM', P .. 'ended', id) end
end

-- De-duplication while a job is OPEN: each ID in one of the job's small hashes, picked by its
-- SHA-1, so each hash stays a compact listpack. Dropped when the job stops taking IDs.
local function bucket(id, buckets, value)
  return key('seen', id) .. ':' .. (tonumber(string.sub(redis.sha1hex(value), 1, 8), 16) % buckets)
end
local function fresh(id, buckets, first)
  local seen, values, keys = {}, {}, {}
  for i = first, #ARGV do
    local value = ARGV[i]
    if not seen[value] then
      seen[value] = true
      local key = bucket(id, buckets, value)
      if redis.call('HEXISTS', key, value) == 0 then
        values[#values + 1] = value
        keys[#keys + 1] = key
      end
    end
  end
  return values, keys
end
local function append(id, values, keys, remember)
  if remember then
    for i = 1, #values do redis.call('HSET', keys[i], values[i], '1') end
  end
  for i = 1, #values, 1000 do redis.call('RPUSH', key('ids', id), unpack(values, i, math.min(i + 999, #values))) end
end
local function dropSeen(id)
  local k = jk(id)
  local buckets = tonumber(redis.call('HGET', k, 'seen_buckets') or '0')
  local names = {}
  for b = 0, buckets - 1 do
    names[#names + 1] = key('seen', id) .. ':' .. b
    if #names == 1000 or b == buckets - 1 then
      redis.call('UNLINK', unpack(names))
      names = {}
    end
  end
  redis.call('HDEL', k, 'seen_buckets')
end
-- Gives a job to a worker under its lease (CLAIM and CLAIM_JOB). A CANCELLED job stays
-- CANCELLED: it is taken only to settle the batches its dead worker left in flight.
local function take(id, worker, leaseMs, t)
  local k = jk(id)
  local status = redis.call('HGET', k, 'status')
  local becomes = 'RUNNING'
  if status == 'CANCELLED' then becomes = 'CANCELLED' elseif not can(status, 'RUNNING') then return {'transition', status, 'RUNNING'} end
  redis.call('HSET', k, 'status', becomes, 'lease_owner', worker, 'lease_expires_at', str(t + tonumber(leaseMs)))
  redis.call('HSETNX', k, 'started_at', str(t))
  redis.call('HDEL', k, 'resumes_at')
  sync(id)
  return {'ok', dump(id), redis.call('SMEMBERS', key('inflight', id))}
end
`;

const CREATE = `
local id, owner, target, idemKey = ARGV[3], ARGV[4], ARGV[5], ARGV[10]
local hasKey = ARGV[11] == '1'
local idemField = redis.sha1hex(owner) .. ':' .. idemKey
if hasKey then
  local existing = redis.call('HGET', P .. 'idem', idemField)
  if existing and redis.call('EXISTS', jk(existing)) == 1 then
    if redis.call('HGET', jk(existing), 'input_fingerprint') ~= ARGV[12] then return {'reused'} end
    return {'existing', dump(existing)}
  end
end
local start = ARGV[14] == '1'
local buckets = tonumber(ARGV[16])
local maxActive = tonumber(ARGV[17])
local values, keys = fresh(id, buckets, 18)
if #values > tonumber(ARGV[15]) then return {'limit', #values} end
if start and #values == 0 then return {'empty'} end
if start and maxActive then
  local active = redis.call('SCARD', ownerkey('active', owner))
  if active >= maxActive then return {'active', active} end
end
local k = jk(id)
local seq = redis.call('INCR', P .. 'seq')
redis.call('HSET', k, 'id', id, 'seq', seq, 'owner', owner, 'target', target, 'dry_run', ARGV[6], 'skip_sent', ARGV[7],
  'input_fingerprint', ARGV[12], 'status', start and 'QUEUED' or 'OPEN', 'batch_size', ARGV[13], 'created_at', str(now()),
  'requested', #values, 'processed', 0, 'deleted', 0, 'not_found', 0, 'failed', 0, 'batches_sent', 0, 'in_flight', 0,
  'unknown_deleted_batches', 0)
if ARGV[9] == '1' then redis.call('HSET', k, 'stream_id', ARGV[8]) end
if hasKey then
  redis.call('HSET', k, 'idempotency_key', idemKey)
  redis.call('HSET', P .. 'idem', idemField, id)
end
if not start then redis.call('HSET', k, 'seen_buckets', buckets) end
append(id, values, keys, not start)
redis.call('ZADD', ownerkey('owner', owner), seq, id)
sync(id)
return {'ok', dump(id)}
`;

const ADD_IDS = `
local id = ARGV[3]
local k = jk(id)
if not owned(id, ARGV[4]) then return {'null'} end
local status = redis.call('HGET', k, 'status')
if status ~= 'OPEN' then return {'notopen', status} end
local values, keys = fresh(id, math.max(1, int(k, 'seen_buckets')), 6)
local count = int(k, 'requested') + #values
if count > tonumber(ARGV[5]) then return {'limit', count} end
append(id, values, keys, true)
redis.call('HSET', k, 'requested', count)
return {'ok', dump(id)}
`;

const START = `
local id = ARGV[3]
local k = jk(id)
if not owned(id, ARGV[4]) then return {'null'} end
local status = redis.call('HGET', k, 'status')
if not can(status, 'QUEUED') then return {'transition', status, 'QUEUED'} end
if int(k, 'requested') == 0 then return {'empty'} end
local maxActive = tonumber(ARGV[5])
if maxActive then
  local active = redis.call('SCARD', ownerkey('active', ARGV[4]))
  if active >= maxActive then return {'active', active} end
end
redis.call('HSET', k, 'status', 'QUEUED')
dropSeen(id)
sync(id)
return {'ok', dump(id)}
`;

const CANCEL = `
local id = ARGV[3]
local k = jk(id)
if not owned(id, ARGV[4]) then return {'null'} end
local status = redis.call('HGET', k, 'status')
if not can(status, 'CANCELLED') then return {'transition', status, 'CANCELLED'} end
-- Batches in flight keep their worker's lease and land later; the rest was never sent.
local notAttempted = unsent(k)
redis.call('HSET', k, 'status', 'CANCELLED', 'finished_at', str(now()), 'end_reason', ARGV[5])
redis.call('HDEL', k, 'resumes_at')
redis.call('HINCRBY', k, 'failed', notAttempted)
redis.call('HINCRBY', k, 'processed', notAttempted)
dropSeen(id)
sync(id)
return {'ok', dump(id)}
`;

const GET_MANY = `
local out = {}
for i = 3, #ARGV do out[#out + 1] = dump(ARGV[i]) end
return out
`;

const LIST = `
local zkey = ownerkey('owner', ARGV[3])
local below = ARGV[4]
local want = tonumber(ARGV[5])
local filter = nil
if #ARGV >= 6 then
  filter = {}
  for i = 6, #ARGV do filter[ARGV[i]] = true end
end
local out = {}
local page = 100
while #out < want do
  local found = redis.call('ZREVRANGEBYSCORE', zkey, below, '-inf', 'WITHSCORES', 'LIMIT', 0, page)
  for i = 1, #found, 2 do
    local jid = found[i]
    below = '(' .. found[i + 1]
    if filter == nil or filter[redis.call('HGET', jk(jid), 'status')] then
      out[#out + 1] = dump(jid)
      if #out >= want then break end
    end
  end
  if #found < page * 2 then break end
end
return out
`;

const COUNT_ACTIVE = `
return redis.call('SCARD', ownerkey('active', ARGV[3]))
`;

const CLAIM = `
local t = now()
local best, bestSeq = nil, nil
local queued = redis.call('ZRANGE', P .. 'queued', 0, 0, 'WITHSCORES')
if #queued > 0 then best, bestSeq = queued[1], tonumber(queued[2]) end
for _, jid in ipairs(redis.call('ZRANGEBYSCORE', P .. 'leases', '-inf', t)) do
  local seq = tonumber(redis.call('HGET', jk(jid), 'seq'))
  if seq and (bestSeq == nil or seq < bestSeq) then best, bestSeq = jid, seq end
end
if best == nil then return {'none'} end
return take(best, ARGV[3], ARGV[4], t)
`;

// One job, as a queue handed it to this worker (BullMQ: the queue's job ID is the job's ID):
// taken on the same terms as CLAIM (QUEUED, or held under an expired lease), except a PAUSED job
// before its resumesAt. Otherwise: 'held' until when (another worker's lease, or the pause),
// or 'none' (unknown, OPEN, or settled: nothing for a worker to do).
const CLAIM_JOB = `
local id, t = ARGV[3], now()
local k = jk(id)
local status = redis.call('HGET', k, 'status')
if not status then return {'none'} end
if status ~= 'QUEUED' then
  local expires = redis.call('ZSCORE', P .. 'leases', id)
  if not expires then return {'none'} end
  if tonumber(expires) > t then return {'held', expires} end
  local resumes = tonumber(redis.call('HGET', k, 'resumes_at') or '')
  if status == 'PAUSED' and resumes and resumes > t then return {'held', str(resumes)} end
end
return take(id, ARGV[4], ARGV[5], t)
`;

// The jobs a worker should be working on: QUEUED, or held under a lease that has expired (a
// queue's safety net re-offers them; see job-runner/queue-scheduler.ts). At most ARGV[3] of each.
const CLAIMABLE = `
local t, limit = now(), tonumber(ARGV[3])
local out = redis.call('ZRANGE', P .. 'queued', 0, limit - 1)
for _, jid in ipairs(redis.call('ZRANGEBYSCORE', P .. 'leases', '-inf', t, 'LIMIT', 0, limit)) do out[#out + 1] = jid end
return out
`;

const RENEW = `
local id = ARGV[3]
if not held(id, ARGV[4]) then return {'lease'} end
redis.call('HSET', jk(id), 'lease_expires_at', str(now() + tonumber(ARGV[5])))
sync(id)
return {'ok', dump(id)}
`;

const PAUSE = `
local id = ARGV[3]
local k = jk(id)
if not held(id, ARGV[4]) then return {'lease'} end
local status = redis.call('HGET', k, 'status')
if not can(status, 'PAUSED') then return {'transition', status, 'PAUSED'} end
redis.call('HSET', k, 'status', 'PAUSED', 'resumes_at', ARGV[5], 'lease_expires_at', str(tonumber(ARGV[5]) + tonumber(ARGV[6])))
sync(id)
return {'ok', dump(id)}
`;

const RESUME = `
local id = ARGV[3]
local k = jk(id)
if not held(id, ARGV[4]) then return {'lease'} end
local status = redis.call('HGET', k, 'status')
if not can(status, 'RUNNING') then return {'transition', status, 'RUNNING'} end
redis.call('HSET', k, 'status', 'RUNNING', 'lease_expires_at', str(now() + tonumber(ARGV[5])))
redis.call('HDEL', k, 'resumes_at')
sync(id)
return {'ok', dump(id)}
`;

const FINISH = `
local id, to = ARGV[3], ARGV[5]
local k = jk(id)
if not held(id, ARGV[4]) then return {'lease'} end
local status = redis.call('HGET', k, 'status')
if not can(status, to) then return {'transition', status, to} end
local inFlight = int(k, 'in_flight')
if inFlight > 0 then return {'inflight', inFlight} end
local missing = int(k, 'requested') - int(k, 'processed')
if to == 'COMPLETED' and missing ~= 0 then return {'incomplete', missing} end
local notAttempted = unsent(k)
redis.call('HSET', k, 'status', to, 'finished_at', str(now()))
redis.call('HDEL', k, 'resumes_at', 'lease_owner', 'lease_expires_at', 'end_reason')
if to == 'FAILED' then redis.call('HSET', k, 'end_reason', ARGV[6]) end
redis.call('HINCRBY', k, 'failed', notAttempted)
redis.call('HINCRBY', k, 'processed', notAttempted)
sync(id)
return {'ok', dump(id)}
`;

const READ_BATCH_IDS = `
local id = ARGV[3]
local k = jk(id)
local size = int(k, 'batch_size')
if size == 0 then return {} end
local first = tonumber(ARGV[4]) * size
local last = math.min(first + size, int(k, 'requested')) - 1
if last < first then return {} end
return redis.call('LRANGE', key('ids', id), first, last)
`;

/** A batch and its IDs, and who holds the job: what recordBatch checks an outcome against. */
const READ_BATCH = `
local id = ARGV[3]
local k = jk(id)
local batch = redis.call('HGET', key('batches', id), ARGV[4])
if not batch then return {redis.call('HGET', k, 'lease_owner'), false, {}} end
local decoded = cjson.decode(batch)
return {redis.call('HGET', k, 'lease_owner'), batch, redis.call('LRANGE', key('ids', id), decoded.first_pos, decoded.first_pos + decoded.size - 1)}
`;

const MARK_IN_FLIGHT = `
local id, index = ARGV[3], ARGV[5]
local k = jk(id)
if not held(id, ARGV[4]) then return {'lease'} end
local stored = redis.call('HGET', key('batches', id), index)
if stored then
  -- A resend of a batch an earlier holder left in flight (LeadLex, same Idempotency-Key).
  local batch = cjson.decode(stored)
  if batch.state ~= 'IN_FLIGHT' then return {'recorded'} end
  batch.attempts = batch.attempts + 1
  stored = cjson.encode(batch)
  redis.call('HSET', key('batches', id), index, stored)
  return {'ok', stored}
end
local status = redis.call('HGET', k, 'status')
if status ~= 'RUNNING' then return {'notrunning', status} end
local sent, size, requested = int(k, 'batches_sent'), int(k, 'batch_size'), int(k, 'requested')
local count = math.ceil(requested / size)
local i = tonumber(index)
if i ~= sent or i >= count then return {'notnext', sent, count} end
local first = i * size
stored = cjson.encode({ batch_index = i, first_pos = first, size = math.min(size, requested - first), state = 'IN_FLIGHT', attempts = 1,
  deleted = 0, not_found = 0, failed = 0, deleted_ids_known = 1, upstream_request_ids = '[]' })
redis.call('HSET', key('batches', id), index, stored)
redis.call('HINCRBY', k, 'batches_sent', 1)
redis.call('HINCRBY', k, 'in_flight', 1)
redis.call('SADD', key('inflight', id), index)
sync(id)
return {'ok', stored}
`;

const RECORD = `
local id, index = ARGV[3], ARGV[5]
local k = jk(id)
if not held(id, ARGV[4]) then return {'lease'} end
local stored = redis.call('HGET', key('batches', id), index)
if not stored then return {'notinflight'} end
local batch = cjson.decode(stored)
if batch.state ~= 'IN_FLIGHT' or batch.first_pos ~= tonumber(ARGV[6]) or batch.size ~= tonumber(ARGV[7]) then return {'notinflight'} end
local deleted, notFound, failed, known = tonumber(ARGV[8]), tonumber(ARGV[9]), tonumber(ARGV[10]), tonumber(ARGV[11])
local i = 17
for n = 1, tonumber(ARGV[16]) do
  redis.call('ZADD', key('failed', id), ARGV[i], ARGV[i + 1])
  i = i + 2
end
local named = tonumber(ARGV[i])
for n = 1, named do redis.call('ZADD', key('named', id), ARGV[i + n], ARGV[i + n]) end
batch.state = 'RECORDED'
batch.deleted, batch.not_found, batch.failed, batch.deleted_ids_known = deleted, notFound, failed, known
batch.rest = ARGV[12]
batch.upstream_request_ids = ARGV[13]
if ARGV[14] ~= '' then batch.rate_limit = ARGV[14] end
redis.call('HSET', key('batches', id), index, cjson.encode(batch))
redis.call('HINCRBY', k, 'processed', batch.size)
redis.call('HINCRBY', k, 'deleted', deleted)
redis.call('HINCRBY', k, 'not_found', notFound)
redis.call('HINCRBY', k, 'failed', failed)
redis.call('HINCRBY', k, 'in_flight', -1)
redis.call('HINCRBY', k, 'unknown_deleted_batches', 1 - known)
if ARGV[14] ~= '' then
  local seen = redis.call('HGET', k, 'rate_limit_observed_at')
  if not seen or tonumber(seen) <= tonumber(ARGV[15]) then redis.call('HSET', k, 'rate_limit', ARGV[14], 'rate_limit_observed_at', ARGV[15]) end
end
redis.call('SREM', key('inflight', id), index)
sync(id)
return {'ok', dump(id)}
`;

/** One page of results: the IDs at positions [from, from + count), their batches, their marks. */
const RESULT_PAGE = `
local id = ARGV[3]
local k = jk(id)
if redis.call('EXISTS', k) == 0 then return {} end
local from = tonumber(ARGV[4])
local to = from + tonumber(ARGV[5]) - 1
local ids = redis.call('LRANGE', key('ids', id), from, to)
if #ids == 0 then return {ids, {}, {}, {}} end
local size = int(k, 'batch_size')
local indexes = {}
for b = math.floor(from / size), math.floor((from + #ids - 1) / size) do indexes[#indexes + 1] = b end
return {ids, redis.call('HMGET', key('batches', id), unpack(indexes)), redis.call('ZRANGEBYSCORE', key('failed', id), from, to),
  redis.call('ZRANGEBYSCORE', key('named', id), from, to)}
`;

const PURGE = `
local cutoff = now() - tonumber(ARGV[3])
local ended = redis.call('ZRANGEBYSCORE', P .. 'ended', '-inf', '(' .. str(cutoff), 'LIMIT', 0, tonumber(ARGV[4]))
for _, id in ipairs(ended) do
  local k = jk(id)
  local h = redis.call('HMGET', k, 'owner', 'idempotency_key')
  dropSeen(id)
  if h[1] then
    redis.call('ZREM', ownerkey('owner', h[1]), id)
    redis.call('SREM', ownerkey('active', h[1]), id)
    if h[2] then redis.call('HDEL', P .. 'idem', redis.sha1hex(h[1]) .. ':' .. h[2]) end
  end
  -- UNLINK: a million-ID list is freed in the background, not while Redis answers no one.
  redis.call('UNLINK', k, key('ids', id), key('batches', id), key('failed', id), key('named', id), key('inflight', id))
  redis.call('ZREM', P .. 'ended', id)
  redis.call('ZREM', P .. 'leases', id)
  redis.call('ZREM', P .. 'queued', id)
end
return #ended
`;

/** Every script, by the name of the ioredis command it becomes (EVALSHA, falling back to EVAL once per connection). */
export const SCRIPTS = {
  jobsCreate: CREATE,
  jobsAddIds: ADD_IDS,
  jobsStart: START,
  jobsCancel: CANCEL,
  jobsGetMany: GET_MANY,
  jobsList: LIST,
  jobsCountActive: COUNT_ACTIVE,
  jobsClaim: CLAIM,
  jobsClaimJob: CLAIM_JOB,
  jobsClaimable: CLAIMABLE,
  jobsRenew: RENEW,
  jobsPause: PAUSE,
  jobsResume: RESUME,
  jobsFinish: FINISH,
  jobsReadBatchIds: READ_BATCH_IDS,
  jobsReadBatch: READ_BATCH,
  jobsMarkInFlight: MARK_IN_FLIGHT,
  jobsRecord: RECORD,
  jobsResultPage: RESULT_PAGE,
  jobsPurge: PURGE,
} as const;

/** The name of one script command. */
export type ScriptName = keyof typeof SCRIPTS;

/** The Lua source of a script: the shared prelude, then its body. */
export function scriptSource(name: ScriptName): string {
  return PRELUDE + SCRIPTS[name];
}
