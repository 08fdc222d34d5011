using System;
using NanoTcp.Scenarios.Harness.Wire;

namespace NanoTcp.Scenarios.Harness
{
    /// <summary>
    /// Malformed and hostile frames towards B of a <see cref="StackPair"/>, built with the test-side codec: noise,
    /// truncations, flipped bytes, wrong IPv4 lengths, every TCP flag combination, garbage options, far-off sequence
    /// numbers on the real 4-tuple, ARP and ICMP garbage. Deterministic for a given generator.
    /// </summary>
    public static class BadFrames
    {
        /// <summary>A TCP segment from <paramref name="source"/> to B as a whole Ethernet frame.</summary>
        public static byte[] Tcp(uint source, ushort sourcePort, ushort destinationPort, uint seq, uint ack, Flags flags, ushort window,
            byte[] data = null, byte[] rawOptions = null)
        {
            var segment = new Segment
            {
                SourcePort = sourcePort, DestinationPort = destinationPort, Seq = seq, Ack = ack, Flags = flags, Window = window,
                Payload = data ?? Array.Empty<byte>(), RawOptions = rawOptions,
            };
            return Ip(source, Ipv4Packet.ProtocolTcp, segment.Encode(source, StackPair.IpB));
        }

        /// <summary>An IPv4 datagram from <paramref name="source"/> to B as a whole Ethernet frame.</summary>
        public static byte[] Ip(uint source, byte protocol, byte[] payload)
            => Ethernet(StackPair.MacB, EthernetFrame.TypeIpv4,
                new Ipv4Packet { Source = source, Destination = StackPair.IpB, Protocol = protocol, Payload = payload }.Encode());

        /// <summary>An Ethernet frame from A's MAC.</summary>
        public static byte[] Ethernet(byte[] destination, ushort etherType, byte[] payload)
            => new EthernetFrame { Destination = destination, Source = StackPair.MacA, EtherType = etherType, Payload = payload }.Encode();

        /// <summary>
        /// Frame number <paramref name="i"/> of the mix; <paramref name="valid"/> is a well-formed segment of the real
        /// connection (A:40000 → B:80), <paramref name="rcvNxt"/> B's RCV.NXT on it.
        /// </summary>
        public static byte[] Make(int i, Random r, byte[] valid, uint rcvNxt)
        {
            switch (i % 8)
            {
                case 0: // pure noise, sometimes addressed to us
                {
                    var f = new byte[r.Next(0, 200)];
                    r.NextBytes(f);
                    if (f.Length >= 14 && r.Next(2) == 0) { Array.Copy(StackPair.MacB, f, 6); f[12] = 0x08; f[13] = (byte)(r.Next(2) == 0 ? 0 : 6); }
                    return f;
                }
                case 1: // truncated valid frame
                    return valid.AsSpan(0, r.Next(0, valid.Length)).ToArray();
                case 2: // one flipped byte anywhere in a valid frame (bad checksum or bad header)
                {
                    var f = (byte[])valid.Clone();
                    int at = EthernetFrame.HeaderLength + r.Next(f.Length - EthernetFrame.HeaderLength);
                    f[at] ^= (byte)(1 + r.Next(255));
                    return f;
                }
                case 3: // wrong IPv4 lengths / IHL / version, header checksum made valid again
                {
                    var f = (byte[])valid.Clone();
                    int which = r.Next(4);
                    if (which == 0) { f[16] = (byte)r.Next(256); f[17] = (byte)r.Next(256); }
                    else if (which == 1) f[14] = (byte)(0x40 | r.Next(5));
                    else if (which == 2) f[14] = (byte)(r.Next(16) << 4 | 5);
                    else f[14] = (byte)(0x40 | (6 + r.Next(10)));
                    FixIpChecksum(f);
                    return f;
                }
                case 4: // every flag combination, random ports (incl. 0) and windows, valid checksums, seq far from the window
                {
                    var flags = (Flags)(i / 8 % 256);
                    ushort sport = (ushort)(r.Next(4) == 0 ? 0 : r.Next(1, 65536));
                    ushort dport = (ushort)(r.Next(3) == 0 ? 80 : (r.Next(3) == 0 ? 0 : r.Next(1, 65536)));
                    ushort window = (ushort)(r.Next(3) == 0 ? 0 : (r.Next(2) == 0 ? 65535 : r.Next(65536)));
                    var data = new byte[r.Next(0, 40)];
                    r.NextBytes(data);
                    return Tcp(Ip4.Address(192, 0, 2, (byte)r.Next(3, 250)), sport, dport, (uint)r.Next(), (uint)r.Next(), flags, window, data);
                }
                case 5: // garbage options with valid checksums
                {
                    var opts = new byte[4 * r.Next(1, 11)];
                    r.NextBytes(opts);
                    if (r.Next(2) == 0) opts[1] = (byte)r.Next(3); // length 0, 1, 2
                    return Tcp(Ip4.Address(192, 0, 2, 200), (ushort)r.Next(1, 65536), (ushort)(r.Next(2) == 0 ? 23 : 80),
                        (uint)r.Next(), 0, Flags.Syn, 1000, null, opts);
                }
                case 6: // the real 4-tuple, every flag combination, sequence numbers far outside the window (RFC 5961 paths)
                {
                    var flags = (Flags)(i / 8 % 256);
                    uint seq = rcvNxt + 0x80000000u + (uint)r.Next(1 << 20);
                    return Tcp(StackPair.IpA, 40000, 80, seq, (uint)r.Next(), flags, (ushort)r.Next(65536));
                }
                default: // ARP and ICMP garbage with plausible headers
                {
                    if (r.Next(2) == 0)
                    {
                        var arp = new byte[28];
                        r.NextBytes(arp);
                        if (r.Next(2) == 0) { arp[0] = 0; arp[1] = 1; arp[2] = 8; arp[3] = 0; arp[4] = 6; arp[5] = 4; }
                        return Ethernet(r.Next(2) == 0 ? EthernetFrame.Broadcast : StackPair.MacB, EthernetFrame.TypeArp, arp.AsSpan(0, r.Next(29)).ToArray());
                    }
                    var icmp = new byte[r.Next(0, 100)];
                    r.NextBytes(icmp);
                    return Ip(Ip4.Address(192, 0, 2, 7), (byte)(r.Next(3) == 0 ? r.Next(256) : 1), icmp);
                }
            }
        }

        private static void FixIpChecksum(byte[] f)
        {
            const int ip = EthernetFrame.HeaderLength;
            int ihl = (f[ip] & 0xF) * 4;
            if (ihl < 20 || ip + ihl > f.Length) return;
            f[ip + 10] = 0; f[ip + 11] = 0;
            Bytes.Put16(f, ip + 10, InternetChecksum.Compute(f, ip, ihl));
        }
    }
}
