namespace NanoTcp
{
    /// <summary>
    /// One ARP cache entry, filled by <see cref="NetworkStack.GetArpEntry"/> into a caller-owned object (allocate it once).
    /// </summary>
    public sealed class ArpEntryInfo
    {
        /// <summary>The IPv4 address.</summary>
        public uint Ip;
        /// <summary>The hardware address, first octet in bits 47..40 (0 while unresolved).</summary>
        public long Mac;
        /// <summary>True once a reply (or a request naming us) supplied the hardware address.</summary>
        public bool Resolved;
        /// <summary>True for entries added with <see cref="NetworkStack.AddStaticArpEntry"/> (never expire).</summary>
        public bool Static;
        /// <summary>Absolute time (ms) at which the entry expires (long.MaxValue for static entries).</summary>
        public long ExpiresAtMs;

        /// <summary>Returns octet <paramref name="index"/> (0..5) of <see cref="Mac"/>.</summary>
        public int MacOctet(int index)
        {
            return (int)((Mac >> (40 - 8 * index)) & 0xFF);
        }
    }
}
