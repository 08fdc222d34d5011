namespace NanoTcp.Wire
{
    /// <summary>
    /// TCP header (RFC 9293 §3.1) as static accessors over a byte array, the segment's offset and its length.
    /// <see cref="IsWellFormed"/> checks the data offset and the option list once; accessors are safe afterwards.
    /// </summary>
    internal static class TcpHeader
    {
        public const int MinLength = 20;
        public const int OptionEnd = 0;
        public const int OptionNop = 1;
        public const int OptionMss = 2;
        public const int OptionMssLength = 4;
        /// <summary>Field offsets from the start of the header.</summary>
        public const int SequenceField = 4, AcknowledgmentField = 8, FlagsField = 13, WindowField = 14, ChecksumField = 16;

        /// <summary>At least 20 bytes, a data offset within the segment, and options whose lengths add up.</summary>
        public static bool IsWellFormed(byte[] b, int o, int length)
        {
            if (length < MinLength) return false;
            int hl = (b[o + 12] >> 4) * 4; // HeaderLength, a call less per segment
            if (hl < MinLength || hl > length) return false;
            return hl == MinLength || OptionsAreWellFormed(b, o); // no options: nothing to scan
        }

        /// <summary>RFC 9293 §3.1: the checksum covers the pseudo-header, the header and the data.</summary>
        public static bool HasValidChecksum(byte[] b, int o, int length, uint source, uint destination)
        {
            uint sum = InternetChecksum.AddPseudoHeader(0, source, destination, Ipv4Packet.ProtocolTcp, length);
            return InternetChecksum.IsValid(InternetChecksum.Add(sum, b, o, length));
        }

        /// <summary>
        /// <see cref="HasValidChecksum"/> for a segment right after a 20-byte IPv4 header in <paramref name="b"/>: the
        /// header's last 8 bytes are the source and destination addresses of the pseudo-header, so one pass sums them
        /// with the segment, and only the protocol and length words are added (no address read, no pseudo-header call).
        /// </summary>
        public static bool HasValidChecksumAfterIpv4(byte[] b, int o, int length)
        {
            const int addresses = Ipv4Packet.MinHeaderLength - Ipv4Packet.SourceField;
            return InternetChecksum.IsValid(InternetChecksum.Add(0, b, o - addresses, addresses + length) + (uint)(Ipv4Packet.ProtocolTcp + length));
        }

        public static int SourcePort(byte[] b, int o) { return NetworkOrder.Read16(b, o); }
        public static int DestinationPort(byte[] b, int o) { return NetworkOrder.Read16(b, o + 2); }
        public static uint Sequence(byte[] b, int o) { return NetworkOrder.Read32(b, o + SequenceField); }
        public static uint Acknowledgment(byte[] b, int o) { return NetworkOrder.Read32(b, o + AcknowledgmentField); }
        public static int HeaderLength(byte[] b, int o) { return (b[o + 12] >> 4) * 4; }
        public static int Flags(byte[] b, int o) { return b[o + FlagsField]; }
        public static int Window(byte[] b, int o) { return NetworkOrder.Read16(b, o + WindowField); }

        /// <summary>The MSS option (RFC 9293 §3.2), or -1 when absent. Only after <see cref="IsWellFormed"/>.</summary>
        public static int MssOption(byte[] b, int o)
        {
            int i = o + MinLength, end = o + HeaderLength(b, o);
            while (i < end)
            {
                int kind = b[i];
                if (kind == OptionEnd) break;
                if (kind == OptionNop) { i++; continue; }
                int len = b[i + 1];
                if (kind == OptionMss && len == OptionMssLength) return NetworkOrder.Read16(b, i + 2);
                i += len;
            }
            return -1;
        }

        private static bool OptionsAreWellFormed(byte[] b, int o)
        {
            int i = o + MinLength, end = o + HeaderLength(b, o);
            while (i < end)
            {
                int kind = b[i];
                if (kind == OptionEnd) return true;
                if (kind == OptionNop) { i++; continue; }
                if (i + 1 >= end) return false;
                int len = b[i + 1];
                if (len < 2 || i + len > end) return false;
                // An MSS option of another length is skipped like any option we do not understand (its length is
                // usable; RFC 9293 §3.1, as Linux does), not a reason to drop the segment.
                i += len;
            }
            return true;
        }

        /// <summary>Where <see cref="Write"/> puts the header in a frame: after the Ethernet and the 20-byte IPv4 header.</summary>
        public const int InFrame = EthernetFrame.HeaderLength + Ipv4Packet.MinHeaderLength;

        /// <summary>
        /// Writes a header (with an MSS option when <paramref name="mss"/> &gt; 0) at <see cref="InFrame"/> in the frame
        /// <paramref name="b"/>, and the checksum over header, pseudo-header and the <paramref name="payloadLength"/>
        /// bytes already placed after it. Returns the header length.
        /// </summary>
        /// <remarks>
        /// The header's share of the checksum is summed from the field values (RFC 1071: the sum of the 16-bit words,
        /// in any order), so only the payload is read back; the bytes are stored inline, without a call per field.
        /// The values must fit their fields (ports, window and MSS 0..0xFFFF, flags 0..255). A constant position rather
        /// than an offset argument: each byte stored costs two IL instructions less (every ACK and segment we send).
        /// </remarks>
        public static int Write(byte[] b, int sourcePort, int destinationPort, uint seq, uint ack, int flags,
                                int window, int mss, int payloadLength, uint source, uint destination)
        {
            int hl = mss > 0 ? MinLength + OptionMssLength : MinLength;
            b[InFrame] = (byte)(sourcePort >> 8);
            b[InFrame + 1] = (byte)sourcePort;
            b[InFrame + 2] = (byte)(destinationPort >> 8);
            b[InFrame + 3] = (byte)destinationPort;
            b[InFrame + 4] = (byte)(seq >> 24);
            b[InFrame + 5] = (byte)(seq >> 16);
            b[InFrame + 6] = (byte)(seq >> 8);
            b[InFrame + 7] = (byte)seq;
            b[InFrame + 8] = (byte)(ack >> 24);
            b[InFrame + 9] = (byte)(ack >> 16);
            b[InFrame + 10] = (byte)(ack >> 8);
            b[InFrame + 11] = (byte)ack;
            int offsetAndFlags = (hl << 10) | flags; // data offset in words, in the top 4 bits
            b[InFrame + 12] = (byte)(offsetAndFlags >> 8);
            b[InFrame + 13] = (byte)flags;
            b[InFrame + 14] = (byte)(window >> 8);
            b[InFrame + 15] = (byte)window;
            b[InFrame + 18] = 0;
            b[InFrame + 19] = 0;
            // The pseudo-header's words (InternetChecksum.AddPseudoHeader) are summed here with the header's, a call less.
            uint sum = (uint)(sourcePort + destinationPort + offsetAndFlags + window + Ipv4Packet.ProtocolTcp + hl + payloadLength)
                       + (seq >> 16) + (seq & 0xFFFF) + (ack >> 16) + (ack & 0xFFFF)
                       + (source >> 16) + (source & 0xFFFF) + (destination >> 16) + (destination & 0xFFFF);
            if (mss > 0)
            {
                b[InFrame + 20] = OptionMss;
                b[InFrame + 21] = OptionMssLength;
                b[InFrame + 22] = (byte)(mss >> 8);
                b[InFrame + 23] = (byte)mss;
                sum += (uint)(((OptionMss << 8) | OptionMssLength) + mss);
            }
            if (payloadLength > 0) sum = InternetChecksum.Add(sum, b, InFrame + hl, payloadLength);
            int checksum = InternetChecksum.Finish(sum);
            b[InFrame + 16] = (byte)(checksum >> 8);
            b[InFrame + 17] = (byte)checksum;
            return hl;
        }
    }
}
