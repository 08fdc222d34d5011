namespace NanoTcp.Wire
{
    /// <summary>
    /// Ethernet II frame (RFC 894) as static accessors over a byte array and the frame's offset: destination,
    /// source, EtherType, payload. Static, not a struct view: nanoCLR would heap-allocate a struct at every call.
    /// <see cref="IsValid"/> checks the length once; every accessor is safe afterwards.
    /// </summary>
    internal static class EthernetFrame
    {
        public const int HeaderLength = 14;
        public const int TypeIpv4 = 0x0800;
        public const int TypeArp = 0x0806;
        /// <summary>Frames shorter than this are padded on output (IEEE 802.3 minimum 64 bytes minus the 4-byte FCS).</summary>
        public const int MinimumLength = 60;
        /// <summary>Field offsets from the start of the frame.</summary>
        public const int DestinationField = 0, SourceField = 6, EtherTypeField = 12;

        /// <summary>The frame fits the buffer and holds a whole header.</summary>
        public static bool IsValid(byte[] b, int o, int length)
        {
            return b != null && length >= HeaderLength && o >= 0 && o + length <= b.Length;
        }

        public static int EtherType(byte[] b, int o) { return NetworkOrder.Read16(b, o + EtherTypeField); }

        /// <summary>Writes destination, source and EtherType at <paramref name="offset"/>.</summary>
        public static void WriteHeader(byte[] b, int offset, byte[] dst, int dstOffset, byte[] src, int srcOffset, int etherType)
        {
            MacAddress.Copy(dst, dstOffset, b, offset + DestinationField);
            MacAddress.Copy(src, srcOffset, b, offset + SourceField);
            NetworkOrder.Write16(b, offset + EtherTypeField, etherType);
        }
    }
}
