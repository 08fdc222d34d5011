namespace NanoTcp.Arp
{
    /// <summary>
    /// Fixed-size neighbour table (RFC 826, RFC 1122 2.3.2). Entries are Pending (a request is outstanding,
    /// re-sent at most once per <c>ArpRequestIntervalMs</c>, RFC 1122 2.3.2.1, and given up after
    /// <c>ArpRequestRetries</c>), Resolved (expire after <c>ArpEntryTimeoutMs</c>) or Static. When the table is
    /// full the least recently refreshed non-static entry is replaced.
    /// </summary>
    internal sealed class ArpCache
    {
        public const int Empty = 0;
        public const int Pending = 1;
        public const int Resolved = 2;
        public const int Static = 3;

        private readonly uint[] _ip;
        private readonly byte[] _mac;
        private readonly int[] _state;
        private readonly long[] _expires;
        private readonly long[] _nextRequest;
        private readonly int[] _requestsSent;
        private readonly int _timeoutMs;
        private readonly int _intervalMs;
        private readonly int _retries;
        private int _pending;

        public ArpCache(int entries, int timeoutMs, int requestIntervalMs, int requestRetries)
        {
            if (entries < 1) entries = 1;
            _ip = new uint[entries];
            _mac = new byte[entries * 6];
            _state = new int[entries];
            _expires = new long[entries];
            _nextRequest = new long[entries];
            _requestsSent = new int[entries];
            _timeoutMs = timeoutMs;
            _intervalMs = requestIntervalMs;
            _retries = requestRetries;
        }

        public int Capacity { get { return _ip.Length; } }

        /// <summary>At least one entry waits for a reply (idle polls skip the request scan when none does).</summary>
        public bool HasPending { get { return _pending > 0; } }

        /// <summary>Copies the hardware address of a resolved, unexpired entry; false when there is none.</summary>
        /// <remarks>
        /// Every datagram we send asks: Find and IsUsable run here in place, and the copy is the native one,
        /// rather than a call frame each on the interpreter.
        /// </remarks>
        public bool TryGet(uint ip, long nowMs, byte[] mac, int offset)
        {
            uint[] ips = _ip;
            int[] state = _state;
            for (int i = 0; i < ips.Length; i++)
            {
                if (ips[i] != ip || state[i] == Empty) continue;
                int s = state[i];
                if (s != Static && (s != Resolved || nowMs >= _expires[i])) return false;
                System.Array.Copy(_mac, i * Wire.MacAddress.Length, mac, offset, Wire.MacAddress.Length);
                return true;
            }
            return false;
        }

        /// <summary>
        /// RFC 826 merge: refreshes an existing entry for <paramref name="ip"/>; creates one only when
        /// <paramref name="create"/> (the packet was addressed to us). Static entries are never overwritten.
        /// </summary>
        public void Update(uint ip, byte[] mac, int offset, long nowMs, bool create)
        {
            int i = Find(ip);
            if (i < 0)
            {
                if (!create) return;
                i = Victim();
                if (i < 0) return;                     // every entry is static: nothing may be replaced
                _ip[i] = ip;
            }
            if (_state[i] == Static) return;
            Wire.MacAddress.Copy(mac, offset, _mac, i * 6);
            SetState(i, Resolved);
            _expires[i] = nowMs + _timeoutMs;
            _requestsSent[i] = 0;
        }

        /// <summary>Adds an entry that never expires; false when every entry is already static.</summary>
        public bool AddStatic(uint ip, byte[] mac, int offset)
        {
            int i = Find(ip);
            if (i < 0) i = Victim();
            if (i < 0) return false;
            _ip[i] = ip;
            Wire.MacAddress.Copy(mac, offset, _mac, i * 6);
            SetState(i, Static);
            _expires[i] = long.MaxValue;
            return true;
        }

        /// <summary>
        /// Asks for <paramref name="ip"/> to be resolved. Returns true if this created the pending entry
        /// (a miss); the request itself goes out from <see cref="NextRequest"/>.
        /// </summary>
        public bool Request(uint ip, long nowMs)
        {
            int i = Find(ip);
            if (i >= 0 && (_state[i] == Pending || IsUsable(i, nowMs))) return false;
            if (i < 0)
            {
                i = Victim();
                if (i < 0) return false;               // table full of static entries: cannot resolve
                _ip[i] = ip;
            }
            SetState(i, Pending);
            _nextRequest[i] = nowMs;
            _requestsSent[i] = 0;
            _expires[i] = long.MaxValue;
            return true;
        }

        /// <summary>
        /// Returns the address of a pending entry whose request is due (and books the request), or 0.
        /// Entries that used up their retries are dropped here.
        /// </summary>
        public uint NextRequest(long nowMs)
        {
            if (_pending == 0) return 0;
            for (int i = 0; i < _ip.Length; i++)
            {
                if (_state[i] != Pending || nowMs < _nextRequest[i]) continue;
                if (_requestsSent[i] >= _retries)
                {
                    SetState(i, Empty);
                    continue;
                }
                _requestsSent[i]++;
                _nextRequest[i] = nowMs + _intervalMs;
                return _ip[i];
            }
            return 0;
        }

        /// <summary>True while <paramref name="ip"/> has a pending entry (resolution still in progress).</summary>
        public bool IsPending(uint ip)
        {
            int i = Find(ip);
            return i >= 0 && _state[i] == Pending;
        }

        /// <summary>Earliest time a pending request is due (long.MaxValue when none).</summary>
        public long NextDeadline()
        {
            long next = long.MaxValue;
            if (_pending == 0) return next;
            for (int i = 0; i < _ip.Length; i++)
            {
                if (_state[i] == Pending && _nextRequest[i] < next) next = _nextRequest[i];
            }
            return next;
        }

        public bool GetEntry(int index, ArpEntryInfo info)
        {
            if (index < 0 || index >= _ip.Length || _state[index] == Empty) return false;
            info.Ip = _ip[index];
            info.Resolved = _state[index] == Resolved || _state[index] == Static;
            info.Static = _state[index] == Static;
            info.Mac = info.Resolved ? Wire.MacAddress.ToLong(_mac, index * 6) : 0;
            info.ExpiresAtMs = _expires[index];
            return true;
        }

        /// <summary>True when <paramref name="ip"/> has a static or unexpired resolved entry.</summary>
        public bool IsUsable(uint ip, long nowMs)
        {
            int i = Find(ip);
            return i >= 0 && IsUsable(i, nowMs);
        }

        /// <summary>Drops a resolved (not static) entry: the next lookup misses and resolves it again.</summary>
        public void Forget(uint ip)
        {
            int i = Find(ip);
            if (i >= 0 && _state[i] == Resolved) SetState(i, Empty);
        }

        private void SetState(int i, int state)
        {
            if (_state[i] == Pending) _pending--;
            if (state == Pending) _pending++;
            _state[i] = state;
        }

        private bool IsUsable(int i, long nowMs)
        {
            return _state[i] == Static || (_state[i] == Resolved && nowMs < _expires[i]);
        }

        private int Find(uint ip)
        {
            for (int i = 0; i < _ip.Length; i++)
            {
                if (_state[i] != Empty && _ip[i] == ip) return i;
            }
            return -1;
        }

        /// <summary>An empty entry, else the oldest resolved one, else a pending one; -1 when every entry is static.</summary>
        private int Victim()
        {
            int best = -1;
            long oldest = long.MaxValue;
            for (int i = 0; i < _ip.Length; i++)
            {
                if (_state[i] == Empty) return i;
                if (_state[i] == Resolved && _expires[i] < oldest)
                {
                    oldest = _expires[i];
                    best = i;
                }
            }
            if (best >= 0) return best;
            for (int i = 0; i < _ip.Length; i++)
            {
                if (_state[i] == Pending) return i;
            }
            return -1;                                 // all static (RFC 826: static entries are never replaced)
        }
    }
}
