namespace NanoTcp.Wire
{
    /// <summary>
    /// View of an ARP packet for Ethernet/IPv4 (RFC 826): hardware type 1, protocol 0x0800, lengths 6 and 4.
    /// </summary>
    internal struct ArpPacket
    {
        public const int Length = 28;
        public const int OpRequest = 1;
        public const int OpReply = 2;

        public readonly byte[] Buffer;
        public readonly int Offset;
        private readonly int _length;

        public ArpPacket(byte[] buffer, int offset, int length)
        {
            Buffer = buffer;
            Offset = offset;
            _length = length;
        }

        /// <summary>Long enough, Ethernet/IPv4 address types and lengths, and a known opcode.</summary>
        public bool IsValid
        {
            get
            {
                if (_length < Length) return false;
                if (NetworkOrder.Read16(Buffer, Offset) != 1 || NetworkOrder.Read16(Buffer, Offset + 2) != EthernetFrame.TypeIpv4) return false;
                if (Buffer[Offset + 4] != 6 || Buffer[Offset + 5] != 4) return false;
                int op = Operation;
                return op == OpRequest || op == OpReply;
            }
        }

        public int Operation { get { return NetworkOrder.Read16(Buffer, Offset + 6); } }
        public int SenderMacOffset { get { return Offset + 8; } }
        public uint SenderIp { get { return NetworkOrder.Read32(Buffer, Offset + 14); } }
        public int TargetMacOffset { get { return Offset + 18; } }
        public uint TargetIp { get { return NetworkOrder.Read32(Buffer, Offset + 24); } }

        /// <summary>Writes a complete Ethernet/IPv4 ARP packet.</summary>
        public static void Write(byte[] b, int o, int operation, byte[] senderMac, int senderMacOffset, uint senderIp,
                                 byte[] targetMac, int targetMacOffset, uint targetIp)
        {
            NetworkOrder.Write16(b, o, 1);
            NetworkOrder.Write16(b, o + 2, EthernetFrame.TypeIpv4);
            b[o + 4] = 6;
            b[o + 5] = 4;
            NetworkOrder.Write16(b, o + 6, operation);
            MacAddress.Copy(senderMac, senderMacOffset, b, o + 8);
            NetworkOrder.Write32(b, o + 14, senderIp);
            if (targetMac == null)
            {
                for (int i = 0; i < 6; i++) b[o + 18 + i] = 0;
            }
            else
            {
                MacAddress.Copy(targetMac, targetMacOffset, b, o + 18);
            }
            NetworkOrder.Write32(b, o + 24, targetIp);
        }
    }
}
