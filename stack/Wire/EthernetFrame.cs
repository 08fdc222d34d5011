namespace NanoTcp.Wire
{
    /// <summary>
    /// View of an Ethernet II frame (RFC 894) in a byte array: destination, source, EtherType, payload.
    /// <see cref="IsValid"/> checks the length once; every accessor is safe afterwards.
    /// </summary>
    internal struct EthernetFrame
    {
        public const int HeaderLength = 14;
        public const int TypeIpv4 = 0x0800;
        public const int TypeArp = 0x0806;
        /// <summary>Frames shorter than this are padded on output (IEEE 802.3 minimum 64 bytes minus the 4-byte FCS).</summary>
        public const int MinimumLength = 60;

        public readonly byte[] Buffer;
        public readonly int Offset;
        public readonly int Length;

        public EthernetFrame(byte[] buffer, int offset, int length)
        {
            Buffer = buffer;
            Offset = offset;
            Length = length;
        }

        public bool IsValid { get { return Buffer != null && Length >= HeaderLength && Offset >= 0 && Offset + Length <= Buffer.Length; } }
        public int DestinationOffset { get { return Offset; } }
        public int SourceOffset { get { return Offset + 6; } }
        public int EtherType { get { return NetworkOrder.Read16(Buffer, Offset + 12); } }
        public int PayloadOffset { get { return Offset + HeaderLength; } }
        public int PayloadLength { get { return Length - HeaderLength; } }

        /// <summary>Writes the header; the payload follows at <c>offset + HeaderLength</c>.</summary>
        public static void WriteHeader(byte[] b, int offset, byte[] dst, int dstOffset, byte[] src, int srcOffset, int etherType)
        {
            MacAddress.Copy(dst, dstOffset, b, offset);
            MacAddress.Copy(src, srcOffset, b, offset + 6);
            NetworkOrder.Write16(b, offset + 12, etherType);
        }
    }
}
