namespace NanoTcp.Wire
{
    /// <summary>
    /// IPv4 header (RFC 791 §3.1) as static accessors over a byte array and the datagram's offset.
    /// <see cref="WellFormedPayloadLength"/> checks version, IHL and total length against the bytes available once.
    /// </summary>
    internal static class Ipv4Packet
    {
        public const int MinHeaderLength = 20;
        public const int ProtocolIcmp = 1;
        public const int ProtocolTcp = 6;
        public const int ProtocolUdp = 17;
        private const int FlagMoreFragments = 0x2000;
        private const int FragmentOffsetMask = 0x1FFF;
        /// <summary>Where the header sits in an Ethernet frame (<see cref="WriteVariableFields"/> writes it there).</summary>
        public const int InFrame = EthernetFrame.HeaderLength;
        /// <summary>Field offsets from the start of the header.</summary>
        public const int TotalLengthField = 2, FragmentField = 6, ProtocolField = 9, SourceField = 12, DestinationField = 16;
        /// <summary>The high byte of the flags/fragment-offset word's mask for "a fragment" (MF and the offset, not DF).</summary>
        public const int FragmentMaskHigh = (FlagMoreFragments | FragmentOffsetMask) >> 8;

        /// <summary>
        /// The payload length (total length − header length) of a well-formed header: version 4, IHL ≥ 5, IHL ≤ total
        /// length ≤ the bytes available; −1 when malformed. One answer for both (every datagram comes here: the
        /// length is not read again).
        /// </summary>
        public static int WellFormedPayloadLength(byte[] b, int o, int available)
        {
            if (available < MinHeaderLength) return -1;
            int first = b[o];
            if ((first >> 4) != 4) return -1;
            int ihl = (first & 0x0F) * 4; // HeaderLength and TotalLength in place
            if (ihl < MinHeaderLength) return -1;
            int total = NetworkOrder.Read16(b, o + TotalLengthField);
            // Ethernet pads short frames: the frame may be longer than the datagram, never shorter.
            return total >= ihl && total <= available ? total - ihl : -1;
        }

        /// <summary>The checksum of the header of <paramref name="headerLength"/> bytes (<see cref="HeaderLength"/>) is right.</summary>
        public static bool HasValidChecksum(byte[] b, int o, int headerLength)
        {
            // Nearly every header has no options: the 20-byte check is the cheap one.
            return headerLength == MinHeaderLength ? InternetChecksum.IsValid20(b, o) : InternetChecksum.IsValid(InternetChecksum.Add(0, b, o, headerLength));
        }

        public static int HeaderLength(byte[] b, int o) { return (b[o] & 0x0F) * 4; }
        public static int TotalLength(byte[] b, int o) { return NetworkOrder.Read16(b, o + TotalLengthField); }
        public static int Identification(byte[] b, int o) { return NetworkOrder.Read16(b, o + 4); }
        /// <summary>More fragments set or a fragment offset: the flags/offset word without DF (tested bytewise, one read less).</summary>
        public static bool IsFragment(byte[] b, int o) { return ((b[o + FragmentField] & FragmentMaskHigh) | b[o + FragmentField + 1]) != 0; }
        public static int TimeToLive(byte[] b, int o) { return b[o + 8]; }
        public static int Protocol(byte[] b, int o) { return b[o + ProtocolField]; }
        public static uint Source(byte[] b, int o) { return NetworkOrder.Read32(b, o + SourceField); }
        public static uint Destination(byte[] b, int o) { return NetworkOrder.Read32(b, o + DestinationField); }
        public static int PayloadLength(byte[] b, int o) { return TotalLength(b, o) - HeaderLength(b, o); }

        /// <summary>Writes a 20-byte header (no options, DF clear: see README "Fragments") with its checksum at <see cref="InFrame"/>.</summary>
        public static void WriteHeader(byte[] b, int payloadLength, int identification, int ttl, int protocol, uint source, uint destination)
        {
            WriteFixedFields(b, InFrame, source);
            WriteVariableFields(b, payloadLength, identification, ttl, protocol, source, destination);
        }

        /// <summary>
        /// The fields every datagram we send from <paramref name="source"/> shares: version and IHL, TOS 0, flags and
        /// fragment offset 0, the source address. <see cref="NetworkInterface"/> keeps them in its header template and
        /// copies them natively, so only <see cref="WriteVariableFields"/> runs per datagram.
        /// </summary>
        public static void WriteFixedFields(byte[] b, int o, uint source)
        {
            b[o] = 0x45;
            b[o + 1] = 0;
            b[o + 6] = 0;
            b[o + 7] = 0;
            NetworkOrder.Write32(b, o + 12, source);
        }

        /// <summary>
        /// Total length, identification, TTL, protocol, destination and the checksum, after <see cref="WriteFixedFields"/>.
        /// The checksum is the RFC 1071 sum of the ten 16-bit words computed from the field values (the fixed fields
        /// add 0x4500 and the source address), not read back from the bytes: a dozen IL instructions instead of a
        /// pass over the header. The values must fit their fields (identification 0..0xFFFF, TTL and protocol 0..255).
        /// The header is at <see cref="InFrame"/> in the frame <paramref name="b"/>: constant positions cost two IL
        /// instructions less per byte than an offset argument.
        /// </summary>
        public static void WriteVariableFields(byte[] b, int payloadLength, int identification, int ttl, int protocol, uint source, uint destination)
        {
            int total = MinHeaderLength + payloadLength;
            b[InFrame + 2] = (byte)(total >> 8);
            b[InFrame + 3] = (byte)total;
            b[InFrame + 4] = (byte)(identification >> 8);
            b[InFrame + 5] = (byte)identification;
            b[InFrame + 8] = (byte)ttl;
            b[InFrame + 9] = (byte)protocol;
            b[InFrame + 16] = (byte)(destination >> 24);
            b[InFrame + 17] = (byte)(destination >> 16);
            b[InFrame + 18] = (byte)(destination >> 8);
            b[InFrame + 19] = (byte)destination;
            uint sum = 0x4500u + (uint)total + (uint)identification + (uint)((ttl << 8) | protocol)
                       + (source >> 16) + (source & 0xFFFF) + (destination >> 16) + (destination & 0xFFFF);
            int checksum = InternetChecksum.Finish(sum);
            b[InFrame + 10] = (byte)(checksum >> 8);
            b[InFrame + 11] = (byte)checksum;
        }
    }
}
