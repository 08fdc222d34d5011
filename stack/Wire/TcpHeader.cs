namespace NanoTcp.Wire
{
    /// <summary>
    /// View of a TCP segment (RFC 9293 §3.1) inside an IPv4 payload. <see cref="IsWellFormed"/> checks the
    /// data offset and every option length once (RFC 9293 §3.2: malformed options MUST NOT crash the
    /// implementation; we drop the segment); afterwards every accessor is safe.
    /// </summary>
    internal struct TcpHeader
    {
        public const int MinLength = 20;
        public const int OptionEnd = 0;
        public const int OptionNop = 1;
        public const int OptionMss = 2;
        public const int OptionMssLength = 4;

        public readonly byte[] Buffer;
        public readonly int Offset;
        public readonly int Length;

        public TcpHeader(byte[] buffer, int offset, int length)
        {
            Buffer = buffer;
            Offset = offset;
            Length = length;
        }

        public bool IsWellFormed
        {
            get
            {
                if (Length < MinLength) return false;
                int hl = HeaderLength;
                if (hl < MinLength || hl > Length) return false;
                return OptionsAreWellFormed();
            }
        }

        public bool HasValidChecksum(uint source, uint destination)
        {
            uint sum = InternetChecksum.AddPseudoHeader(0, source, destination, Ipv4Packet.ProtocolTcp, Length);
            return InternetChecksum.IsValid(InternetChecksum.Add(sum, Buffer, Offset, Length));
        }

        public int SourcePort { get { return NetworkOrder.Read16(Buffer, Offset); } }
        public int DestinationPort { get { return NetworkOrder.Read16(Buffer, Offset + 2); } }
        public uint Sequence { get { return NetworkOrder.Read32(Buffer, Offset + 4); } }
        public uint Acknowledgment { get { return NetworkOrder.Read32(Buffer, Offset + 8); } }
        public int HeaderLength { get { return (Buffer[Offset + 12] >> 4) * 4; } }
        public int Flags { get { return Buffer[Offset + 13]; } }
        public int Window { get { return NetworkOrder.Read16(Buffer, Offset + 14); } }
        public int PayloadOffset { get { return Offset + HeaderLength; } }
        public int PayloadLength { get { return Length - HeaderLength; } }

        /// <summary>The MSS option value, or -1 when absent (RFC 9293 §3.7.1).</summary>
        public int MssOption
        {
            get
            {
                int i = Offset + MinLength, end = Offset + HeaderLength;
                while (i < end)
                {
                    int kind = Buffer[i];
                    if (kind == OptionEnd) break;
                    if (kind == OptionNop) { i++; continue; }
                    int len = Buffer[i + 1];
                    if (kind == OptionMss && len == OptionMssLength) return NetworkOrder.Read16(Buffer, i + 2);
                    i += len;
                }
                return -1;
            }
        }

        private bool OptionsAreWellFormed()
        {
            int i = Offset + MinLength, end = Offset + HeaderLength;
            while (i < end)
            {
                int kind = Buffer[i];
                if (kind == OptionEnd) return true;
                if (kind == OptionNop) { i++; continue; }
                if (i + 1 >= end) return false;
                int len = Buffer[i + 1];
                if (len < 2 || i + len > end) return false;
                if (kind == OptionMss && len != OptionMssLength) return false;
                i += len;
            }
            return true;
        }

        /// <summary>
        /// Writes a header (with an MSS option when <paramref name="mss"/> &gt; 0) and the checksum over header,
        /// pseudo-header and the <paramref name="payloadLength"/> bytes already placed after it. Returns the header length.
        /// </summary>
        public static int Write(byte[] b, int o, int sourcePort, int destinationPort, uint seq, uint ack, int flags,
                                int window, int mss, int payloadLength, uint source, uint destination)
        {
            int hl = mss > 0 ? MinLength + OptionMssLength : MinLength;
            NetworkOrder.Write16(b, o, sourcePort);
            NetworkOrder.Write16(b, o + 2, destinationPort);
            NetworkOrder.Write32(b, o + 4, seq);
            NetworkOrder.Write32(b, o + 8, ack);
            b[o + 12] = (byte)((hl / 4) << 4);
            b[o + 13] = (byte)flags;
            NetworkOrder.Write16(b, o + 14, window);
            b[o + 16] = 0;
            b[o + 17] = 0;
            b[o + 18] = 0;
            b[o + 19] = 0;
            if (mss > 0)
            {
                b[o + 20] = OptionMss;
                b[o + 21] = OptionMssLength;
                NetworkOrder.Write16(b, o + 22, mss);
            }
            uint sum = InternetChecksum.AddPseudoHeader(0, source, destination, Ipv4Packet.ProtocolTcp, hl + payloadLength);
            NetworkOrder.Write16(b, o + 16, InternetChecksum.Finish(InternetChecksum.Add(sum, b, o, hl + payloadLength)));
            return hl;
        }
    }
}
