namespace NanoTcp.VirtualBoard.Trace
{
    /// <summary>
    /// The fields of one Ethernet/IPv4/TCP frame that the ladder shows, read once with every length checked
    /// (a frame that is not a well-formed TCP segment yields <c>false</c> from <see cref="TryRead"/>).
    /// </summary>
    public struct TcpSegmentSummary
    {
        /// <summary>TCP flag bits (RFC 9293 §3.1).</summary>
        public const int Fin = 0x01, Syn = 0x02, Rst = 0x04, Psh = 0x08, Ack = 0x10, Urg = 0x20, Ece = 0x40, Cwr = 0x80;

        private const int EthernetHeader = 14;
        private const int EtherTypeIpv4 = 0x0800;
        private const int ProtocolTcp = 6;

        /// <summary>IPv4 source address.</summary>
        public uint SourceIp;
        /// <summary>IPv4 destination address.</summary>
        public uint DestinationIp;
        /// <summary>TCP source port.</summary>
        public int SourcePort;
        /// <summary>TCP destination port.</summary>
        public int DestinationPort;
        /// <summary>Sequence number.</summary>
        public uint Sequence;
        /// <summary>Acknowledgment number.</summary>
        public uint Acknowledgment;
        /// <summary>Flag bits.</summary>
        public int Flags;
        /// <summary>Window field (unscaled).</summary>
        public int Window;
        /// <summary>Payload length.</summary>
        public int PayloadLength;
        /// <summary>MSS option value, 0 when absent.</summary>
        public int Mss;
        /// <summary>Window-scale option shift, -1 when absent.</summary>
        public int WindowScale;

        /// <summary>True when every flag bit in <paramref name="mask"/> is set.</summary>
        public bool Has(int mask) => (Flags & mask) == mask;

        /// <summary>Sequence space the segment occupies (payload plus SYN and FIN, RFC 9293 §3.4).</summary>
        public int SequenceLength => PayloadLength + (Has(Syn) ? 1 : 0) + (Has(Fin) ? 1 : 0);

        /// <summary>Reads the summary from a frame; false if it is not an unfragmented IPv4 TCP segment.</summary>
        public static bool TryRead(byte[] frame, int offset, int length, out TcpSegmentSummary s)
        {
            s = default;
            s.WindowScale = -1;
            if (frame == null || length < EthernetHeader + 20 || offset < 0 || offset > frame.Length - length) return false;
            if (U16(frame, offset + 12) != EtherTypeIpv4) return false;
            int ip = offset + EthernetHeader;
            int ipEnd = offset + length;
            if ((frame[ip] >> 4) != 4) return false;
            int ihl = (frame[ip] & 0x0F) * 4;
            int total = U16(frame, ip + 2);
            if (ihl < 20 || total < ihl + 20 || ip + total > ipEnd || frame[ip + 9] != ProtocolTcp) return false;
            if ((U16(frame, ip + 6) & 0x3FFF) != 0) return false; // a fragment
            s.SourceIp = U32(frame, ip + 12);
            s.DestinationIp = U32(frame, ip + 16);
            int tcp = ip + ihl;
            int dataOffset = (frame[tcp + 12] >> 4) * 4;
            if (dataOffset < 20 || dataOffset > total - ihl) return false;
            s.SourcePort = U16(frame, tcp);
            s.DestinationPort = U16(frame, tcp + 2);
            s.Sequence = U32(frame, tcp + 4);
            s.Acknowledgment = U32(frame, tcp + 8);
            s.Flags = frame[tcp + 13];
            s.Window = U16(frame, tcp + 14);
            s.PayloadLength = total - ihl - dataOffset;
            ReadOptions(frame, tcp + 20, tcp + dataOffset, ref s);
            return true;
        }

        private static void ReadOptions(byte[] b, int i, int end, ref TcpSegmentSummary s)
        {
            while (i < end)
            {
                int kind = b[i];
                if (kind == 0) return;          // end of option list
                if (kind == 1) { i++; continue; } // no-operation
                if (i + 1 >= end) return;
                int len = b[i + 1];
                if (len < 2 || i + len > end) return;
                if (kind == 2 && len == 4) s.Mss = U16(b, i + 2);
                else if (kind == 3 && len == 3) s.WindowScale = b[i + 2];
                i += len;
            }
        }

        private static int U16(byte[] b, int o) => (b[o] << 8) | b[o + 1];

        private static uint U32(byte[] b, int o) => ((uint)b[o] << 24) | ((uint)b[o + 1] << 16) | ((uint)b[o + 2] << 8) | b[o + 3];
    }
}
