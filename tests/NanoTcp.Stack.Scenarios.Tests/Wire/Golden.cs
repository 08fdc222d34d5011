namespace NanoTcp.Scenarios.Wire
{
    /// <summary>
    /// Known packets as bytes, built field by field with an independent encoder (Python struct + RFC 1071 sum) and
    /// written out here: the stack's codecs must parse every field from them and build them byte for byte.
    /// 192.0.2.1:40000 (MAC 02:00:00:00:00:01) talks to 192.0.2.2:80 (MAC 02:00:00:00:00:02).
    /// </summary>
    internal static class Golden
    {
        public const uint PeerIp = 0xC0000201, DutIp = 0xC0000202;
        public static readonly byte[] PeerMac = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x01 };

        /// <summary>Ethernet header: broadcast destination, source 02:00:00:00:00:01, EtherType ARP.</summary>
        public static byte[] EthernetArpBroadcast => new byte[]
        {
            0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02, 0x00, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06,
        };

        /// <summary>ARP request: 02:00:00:00:00:01 / 192.0.2.1 asks who has 192.0.2.2.</summary>
        public static byte[] ArpRequest => new byte[]
        {
            0x00, 0x01, 0x08, 0x00, 0x06, 0x04, 0x00, 0x01, 0x02, 0x00, 0x00, 0x00, 0x00, 0x01, 0xc0, 0x00,
            0x02, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xc0, 0x00, 0x02, 0x02,
        };

        /// <summary>IPv4 header: 44 bytes total, id 0x1234, DF clear, TTL 64, TCP, 192.0.2.1 → 192.0.2.2, checksum 0xe494.</summary>
        public static byte[] Ipv4Header => new byte[]
        {
            0x45, 0x00, 0x00, 0x2c, 0x12, 0x34, 0x00, 0x00, 0x40, 0x06, 0xe4, 0x94, 0xc0, 0x00, 0x02, 0x01,
            0xc0, 0x00, 0x02, 0x02,
        };

        /// <summary>TCP SYN 40000 → 80, SEQ 0x01020304, window 8192, MSS 1460, checksum 0x538c (192.0.2.1 → 192.0.2.2).</summary>
        public static byte[] TcpSyn => new byte[]
        {
            0x9c, 0x40, 0x00, 0x50, 0x01, 0x02, 0x03, 0x04, 0x00, 0x00, 0x00, 0x00, 0x60, 0x02, 0x20, 0x00,
            0x53, 0x8c, 0x00, 0x00, 0x02, 0x04, 0x05, 0xb4,
        };

        /// <summary>TCP PSH+ACK 80 → 40000, SEQ 0xfffffff0, ACK 0x01020305, window 4096, "hello", checksum 0x3769 (192.0.2.2 → 192.0.2.1).</summary>
        public static byte[] TcpData => new byte[]
        {
            0x00, 0x50, 0x9c, 0x40, 0xff, 0xff, 0xff, 0xf0, 0x01, 0x02, 0x03, 0x05, 0x50, 0x18, 0x10, 0x00,
            0x37, 0x69, 0x00, 0x00, 0x68, 0x65, 0x6c, 0x6c, 0x6f,
        };

        /// <summary>ICMP echo request, identifier 0x1234, sequence 1, data "abcd", checksum 0x2104.</summary>
        public static byte[] IcmpEchoRequest => new byte[]
        {
            0x08, 0x00, 0x21, 0x04, 0x12, 0x34, 0x00, 0x01, 0x61, 0x62, 0x63, 0x64,
        };

        /// <summary>A copy of <paramref name="packet"/> placed at <paramref name="offset"/> in a larger buffer (offset handling).</summary>
        public static byte[] At(byte[] packet, int offset)
        {
            var b = new byte[offset + packet.Length + 7];
            System.Array.Copy(packet, 0, b, offset, packet.Length);
            return b;
        }

        public static byte[] Slice(byte[] b, int offset, int length)
        {
            var r = new byte[length];
            System.Array.Copy(b, offset, r, 0, length);
            return r;
        }
    }
}
