namespace NanoTcp.Tcp
{
    /// <summary>
    /// The fields of the segment being processed (RFC 9293 §3.3.1 "current segment variables"), filled once
    /// from the validated header. One instance is reused for every segment; handlers receive it as a parameter.
    /// </summary>
    internal sealed class Segment
    {
        /// <summary>The sender's address and both ports: filled only for the LISTEN and CLOSED rows (a connection knows its endpoints).</summary>
        public uint SourceIp;
        public int SourcePort;
        public int DestinationPort;
        public uint Seq;
        public uint Ack;
        public int Flags;
        public int Window;
        /// <summary>MSS option, or -1 when absent.</summary>
        public int Mss;
        /// <summary>The received frame (the stack's one receive buffer); its source MAC is at EthernetFrame.SourceField.</summary>
        public byte[] Buffer;
        public int DataOffset;
        public int DataLength;

        /// <remarks>Per-segment paths test <see cref="Flags"/> in place: each call costs the interpreter a frame.</remarks>
        public bool Has(int flag) { return (Flags & flag) != 0; }

        /// <summary>SEG.LEN: data plus one for SYN and one for FIN (RFC 9293 §3.4).</summary>
        public int Length
        {
            get
            {
                int len = DataLength;
                if ((Flags & Wire.TcpFlags.Syn) != 0) len++;
                if ((Flags & Wire.TcpFlags.Fin) != 0) len++;
                return len;
            }
        }
    }
}
