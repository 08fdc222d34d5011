namespace NanoTcp.Wire
{
    /// <summary>
    /// ARP packet for IPv4 over Ethernet (RFC 826) as static accessors over a byte array and the packet's offset.
    /// <see cref="IsValid"/> checks length, hardware/protocol types and sizes, and the operation once.
    /// </summary>
    internal static class ArpPacket
    {
        public const int Length = 28;
        public const int OpRequest = 1;
        public const int OpReply = 2;
        /// <summary>Field offsets from the start of the ARP packet (RFC 826 "Packet format").</summary>
        public const int SenderMacField = 8, SenderIpField = 14, TargetMacField = 18, TargetIpField = 24;

        /// <summary>Ethernet (1) / IPv4 (0x0800), 6-byte and 4-byte addresses, request or reply.</summary>
        public static bool IsValid(byte[] b, int o, int length)
        {
            if (length < Length) return false;
            if (NetworkOrder.Read16(b, o) != 1 || NetworkOrder.Read16(b, o + 2) != EthernetFrame.TypeIpv4) return false;
            if (b[o + 4] != 6 || b[o + 5] != 4) return false;
            int op = Operation(b, o);
            return op == OpRequest || op == OpReply;
        }

        public static int Operation(byte[] b, int o) { return NetworkOrder.Read16(b, o + 6); }
        public static uint SenderIp(byte[] b, int o) { return NetworkOrder.Read32(b, o + SenderIpField); }
        public static uint TargetIp(byte[] b, int o) { return NetworkOrder.Read32(b, o + TargetIpField); }

        /// <summary>Writes a whole packet; a null <paramref name="targetMac"/> writes zeros (a request).</summary>
        public static void Write(byte[] b, int o, int operation, byte[] senderMac, int senderMacOffset, uint senderIp,
                                 byte[] targetMac, int targetMacOffset, uint targetIp)
        {
            NetworkOrder.Write16(b, o, 1);
            NetworkOrder.Write16(b, o + 2, EthernetFrame.TypeIpv4);
            b[o + 4] = 6;
            b[o + 5] = 4;
            NetworkOrder.Write16(b, o + 6, operation);
            MacAddress.Copy(senderMac, senderMacOffset, b, o + SenderMacField);
            NetworkOrder.Write32(b, o + SenderIpField, senderIp);
            if (targetMac == null)
            {
                for (int i = 0; i < MacAddress.Length; i++) b[o + TargetMacField + i] = 0;
            }
            else
            {
                MacAddress.Copy(targetMac, targetMacOffset, b, o + TargetMacField);
            }
            NetworkOrder.Write32(b, o + TargetIpField, targetIp);
        }
    }
}
