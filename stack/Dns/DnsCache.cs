namespace NanoTcp.Dns
{
    /// <summary>
    /// A small TTL cache of name → address (RFC 1035 §7.4; RFC 2181 §8 TTL bounds), fixed at construction.
    /// Names longer than <see cref="MaxName"/> are not cached; the oldest entry is replaced when full.
    /// </summary>
    internal sealed class DnsCache
    {
        public const int MaxName = 64;
        private const long MaxTtlMs = 86400000; // one day: a cap for a device that runs for months

        private readonly byte[] _names;
        private readonly int[] _lengths;
        private readonly uint[] _addresses;
        private readonly long[] _expires;

        public DnsCache(int entries)
        {
            if (entries < 0) entries = 0;
            _names = new byte[entries * MaxName];
            _lengths = new int[entries];
            _addresses = new uint[entries];
            _expires = new long[entries];
        }

        /// <summary>The cached address of the name, or 0 (a miss or an expired entry).</summary>
        public uint Find(byte[] name, int offset, int count, long nowMs)
        {
            int i = IndexOf(name, offset, count);
            if (i < 0 || nowMs >= _expires[i]) return 0;
            return _addresses[i];
        }

        public void Add(byte[] name, int offset, int count, uint address, long ttlSeconds, long nowMs)
        {
            if (_lengths.Length == 0 || count > MaxName || count < 1 || ttlSeconds <= 0) return;
            int i = IndexOf(name, offset, count);
            if (i < 0)
            {
                i = 0;
                for (int j = 1; j < _lengths.Length; j++)
                {
                    if (_expires[j] < _expires[i]) i = j;
                }
            }
            System.Array.Copy(name, offset, _names, i * MaxName, count);
            _lengths[i] = count;
            _addresses[i] = address;
            long ttl = ttlSeconds * 1000;
            _expires[i] = nowMs + (ttl > MaxTtlMs ? MaxTtlMs : ttl);
        }

        public void Clear()
        {
            for (int i = 0; i < _lengths.Length; i++) { _lengths[i] = 0; _expires[i] = 0; }
        }

        private int IndexOf(byte[] name, int offset, int count)
        {
            for (int i = 0; i < _lengths.Length; i++)
            {
                if (_lengths[i] != count) continue;
                int o = i * MaxName;
                bool same = true;
                for (int k = 0; k < count && same; k++) same = Lower(_names[o + k]) == Lower(name[offset + k]);
                if (same) return i;
            }
            return -1;
        }

        private static int Lower(int c)
        {
            return c >= 'A' && c <= 'Z' ? c + 32 : c;
        }
    }
}
