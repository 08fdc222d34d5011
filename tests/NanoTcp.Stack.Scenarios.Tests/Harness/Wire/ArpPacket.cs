namespace NanoTcp.Scenarios.Harness.Wire
{
    /// <summary>ARP for IPv4 over Ethernet (RFC 826), test side.</summary>
    public sealed class ArpPacket
    {
        /// <summary>Operation code of a request.</summary>
        public const ushort OpRequest = 1;
        /// <summary>Operation code of a reply.</summary>
        public const ushort OpReply = 2;
        /// <summary>Length of an Ethernet/IPv4 ARP packet.</summary>
        public const int Length = 28;

        /// <summary>Request or reply.</summary>
        public ushort Operation;
        /// <summary>Sender hardware address.</summary>
        public byte[] SenderMac;
        /// <summary>Sender protocol address.</summary>
        public uint SenderIp;
        /// <summary>Target hardware address.</summary>
        public byte[] TargetMac;
        /// <summary>Target protocol address.</summary>
        public uint TargetIp;

        /// <summary>Serialises the packet.</summary>
        public byte[] Encode()
        {
            var p = new byte[Length];
            Bytes.Put16(p, 0, 1);        // hardware type Ethernet
            Bytes.Put16(p, 2, 0x0800);   // protocol type IPv4
            p[4] = 6; p[5] = 4;
            Bytes.Put16(p, 6, Operation);
            System.Array.Copy(SenderMac, 0, p, 8, 6);
            Bytes.Put32(p, 14, SenderIp);
            System.Array.Copy(TargetMac, 0, p, 18, 6);
            Bytes.Put32(p, 24, TargetIp);
            return p;
        }

        /// <summary>Parses an Ethernet/IPv4 ARP packet; null with a reason when it is not one.</summary>
        public static ArpPacket Parse(byte[] p, out string error)
        {
            error = null;
            if (p.Length < Length) { error = "ARP packet truncated"; return null; }
            if (Bytes.U16(p, 0) != 1 || Bytes.U16(p, 2) != 0x0800 || p[4] != 6 || p[5] != 4)
            {
                error = "ARP packet is not Ethernet/IPv4";
                return null;
            }
            return new ArpPacket
            {
                Operation = Bytes.U16(p, 6),
                SenderMac = Bytes.Slice(p, 8, 6),
                SenderIp = Bytes.U32(p, 14),
                TargetMac = Bytes.Slice(p, 18, 6),
                TargetIp = Bytes.U32(p, 24),
            };
        }
    }
}
