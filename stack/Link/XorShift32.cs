namespace NanoTcp
{
    /// <summary>
    /// Marsaglia's xorshift32 generator: tiny, allocation-free and identical on every platform, so an impaired
    /// run is reproducible from its seed. Not for anything security-related.
    /// </summary>
    internal sealed class XorShift32
    {
        private uint _state;

        public XorShift32(int seed)
        {
            _state = (uint)seed * 2654435761u ^ 0x9E3779B9u;
            if (_state == 0) _state = 0x6D2B79F5u;
        }

        public uint Next()
        {
            uint x = _state;
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            _state = x;
            return x;
        }

        /// <summary>0 ≤ result &lt; <paramref name="bound"/> (bound &gt; 0).</summary>
        public int Below(int bound)
        {
            return (int)(Next() % (uint)bound);
        }

        /// <summary>True with probability <paramref name="rate"/> (0..1).</summary>
        public bool Chance(double rate)
        {
            if (rate <= 0) return false;
            return Next() < rate * 4294967296.0;
        }
    }
}
