namespace NanoTcp.Firmware
{
    /// <summary>
    /// A fixed set of flags packed 32 to an <c>int</c>. On nanoCLR a <c>bool[]</c> spends a byte per flag, so 1001
    /// ping flags cost 1,032 bytes as <c>bool[]</c> and 144 bytes here (array of n elements: n × size + 20 bytes,
    /// rounded up to 12). Allocated once; nothing allocates afterwards.
    /// </summary>
    public sealed class BitSet
    {
        private readonly int[] _words;

        /// <summary>Creates a set of <paramref name="count"/> flags, all clear.</summary>
        public BitSet(int count)
        {
            Count = count;
            _words = new int[(count + 31) >> 5];
        }

        /// <summary>Number of flags.</summary>
        public int Count { get; }

        /// <summary>True when flag <paramref name="index"/> is set.</summary>
        public bool Get(int index) => (_words[index >> 5] & (1 << (index & 31))) != 0;

        /// <summary>Sets flag <paramref name="index"/>.</summary>
        public void Set(int index) => _words[index >> 5] |= 1 << (index & 31);

        /// <summary>Clears every flag.</summary>
        public void Clear() => System.Array.Clear(_words, 0, _words.Length);
    }
}
