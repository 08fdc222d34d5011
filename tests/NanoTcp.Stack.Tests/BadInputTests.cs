using System;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Stack.Tests.Infrastructure;

namespace NanoTcp.Stack.Tests
{
    /// <summary>
    /// More than 100,000 random and mutated frames against a stack with an established connection: truncated,
    /// wrong lengths, bad checksums, valid checksums over nonsense, every TCP flag combination, garbage options,
    /// zero/huge windows, port 0. Nothing throws, the drop counters rise, and the connection still transfers.
    /// </summary>
    [TestClass]
    public sealed class BadInputTests
    {
        private const int Frames = 120_000;

        [TestMethod]
        public void HundredThousandBadFrames_NoException_CountersRise_ConnectionSurvives()
        {
            var p = new StackPair(9);
            int listener = p.B.Listen(80, 2);
            p.B.Listen(23, 2);
            int a = p.A.Connect(StackPair.IpB, 80, 40000);
            int b = -1;
            Assert.IsTrue(p.RunUntil(() => (b = b >= 0 ? b : p.B.Accept(listener)) >= 0 && p.A.GetState(a) == TcpState.Established, 10_000));
            var info = new TcpConnectionInfo();
            Assert.IsTrue(p.B.GetConnectionInfo(b & 0xFF, info));

            var random = new Random(12345);
            var valid = Packets.TcpFrame(new byte[] { 2, 0, 0, 0, 0, 0x0B }, new byte[] { 2, 0, 0, 0, 0, 0x0A },
                                         StackPair.IpA, StackPair.IpB, 40000, 80, info.ReceiveNext + 0x80000000u, info.SendNext, Packets.Ack, 4096, new byte[] { 1, 2, 3 });
            // (The template is the real 4-tuple but half the sequence space away: a mutation that happens to restore a
            // valid frame must not count as genuine data.)
            long dropsBefore = p.B.Counters.TotalDrops;
            for (int i = 0; i < Frames; i++)
            {
                byte[] frame = Make(i, random, valid, info);
                p.WireB.Inbound.Enqueue(frame, 0, Math.Min(frame.Length, 1514));
                if (p.WireB.Inbound.Count >= 16) Drain(p);
            }
            Drain(p);
            long drops = p.B.Counters.TotalDrops - dropsBefore;
            Assert.IsTrue(drops > Frames / 2, $"drops counted: {drops}");
            Assert.IsTrue(p.B.Counters.ChecksumErrors > 1000);
            Assert.IsTrue(p.B.Counters.Drops(DropReason.TcpMalformed) > 100);
            Assert.IsTrue(p.B.Counters.Drops(DropReason.IpMalformed) > 100);
            Assert.IsTrue(p.B.Counters.Drops(DropReason.TcpInvalid) > 100);
            Assert.AreEqual(TcpState.Established, p.B.GetState(b));
            Assert.AreEqual(TcpState.Established, p.A.GetState(a));

            var ab = new BulkTransfer(); ab.Reset(p.A, a, p.B, b, 200_000, 5);
            var ba = new BulkTransfer(); ba.Reset(p.B, b, p.A, a, 200_000, 6);
            Assert.IsTrue(p.RunUntil(() => { ab.Pump(); ba.Pump(); return ab.Done && ba.Done; }, 600_000));
            Assert.AreEqual(0, ab.Mismatches + ba.Mismatches);
            // Half-open junk is bounded by the backlogs and gives up after its SYN+ACK retries: nothing leaks.
            p.RunFor(200_000);
            Assert.AreEqual(p.B.ConnectionSlotCount - 1, p.B.FreeConnectionSlots, "only the application's own (closed) connection is left");
        }

        private static void Drain(StackPair p)
        {
            for (int k = 0; k < 8 && p.WireB.Inbound.Count > 0; k++)
            {
                p.LinkB.NowMs = p.Now;
                p.B.Poll(p.Now);
            }
            p.WireA.Inbound.Clear(); // replies to forged frames are not interesting
            p.Now += 1;
        }

        internal static byte[] Make(int i, Random r, byte[] valid, TcpConnectionInfo info)
        {
            byte[] ourMac = { 2, 0, 0, 0, 0, 0x0B }, theirMac = { 2, 0, 0, 0, 0, 0x0A };
            switch (i % 8)
            {
                case 0: // pure noise, sometimes addressed to us
                {
                    var f = new byte[r.Next(0, 200)];
                    r.NextBytes(f);
                    if (f.Length >= 14 && r.Next(2) == 0) { Array.Copy(ourMac, f, 6); f[12] = 0x08; f[13] = (byte)(r.Next(2) == 0 ? 0 : 6); }
                    return f;
                }
                case 1: // truncated valid frame
                    return valid.AsSpan(0, r.Next(0, valid.Length)).ToArray();
                case 2: // one flipped byte anywhere in a valid frame (bad checksum or bad header)
                {
                    var f = (byte[])valid.Clone();
                    int at = 14 + r.Next(f.Length - 14);
                    f[at] ^= (byte)(1 + r.Next(255));
                    return f;
                }
                case 3: // wrong IPv4 lengths / IHL / version
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
                    byte flags = (byte)(i / 8 % 256);
                    int sport = r.Next(4) == 0 ? 0 : r.Next(1, 65536);
                    int dport = r.Next(3) == 0 ? 80 : (r.Next(3) == 0 ? 0 : r.Next(1, 65536));
                    int window = r.Next(3) == 0 ? 0 : (r.Next(2) == 0 ? 65535 : r.Next(65536));
                    var data = new byte[r.Next(0, 40)];
                    r.NextBytes(data);
                    return Packets.TcpFrame(ourMac, theirMac, Ip4.Address(192, 0, 2, (byte)r.Next(3, 250)), StackPair.IpB, sport, dport,
                                            (uint)r.Next(), (uint)r.Next(), flags, window, data);
                }
                case 5: // garbage options with valid checksums
                {
                    var opts = new byte[4 * r.Next(1, 11)];
                    r.NextBytes(opts);
                    if (r.Next(2) == 0) opts[1] = (byte)r.Next(3); // length 0, 1, 2
                    return Packets.TcpFrame(ourMac, theirMac, Ip4.Address(192, 0, 2, 200), StackPair.IpB, r.Next(1, 65536), r.Next(2) == 0 ? 23 : 80,
                                            (uint)r.Next(), 0, Packets.Syn, 1000, null, opts);
                }
                case 6: // the real 4-tuple, every flag combination, sequence numbers far outside the window (RFC 5961 paths)
                {
                    byte flags = (byte)(i / 8 % 256);
                    uint seq = info.ReceiveNext + 0x80000000u + (uint)r.Next(1 << 20);
                    return Packets.TcpFrame(ourMac, theirMac, StackPair.IpA, StackPair.IpB, 40000, 80, seq, (uint)r.Next(), flags, r.Next(65536));
                }
                default: // ARP and ICMP garbage with plausible headers
                {
                    if (r.Next(2) == 0)
                    {
                        var arp = new byte[28];
                        r.NextBytes(arp);
                        if (r.Next(2) == 0) { arp[0] = 0; arp[1] = 1; arp[2] = 8; arp[3] = 0; arp[4] = 6; arp[5] = 4; }
                        return Packets.Ethernet(r.Next(2) == 0 ? Packets.Broadcast : ourMac, theirMac, 0x0806, arp.AsSpan(0, r.Next(29)).ToArray());
                    }
                    var icmp = new byte[r.Next(0, 100)];
                    r.NextBytes(icmp);
                    return Packets.Ethernet(ourMac, theirMac, 0x0800, Packets.Ipv4(Ip4.Address(192, 0, 2, 7), StackPair.IpB, r.Next(3) == 0 ? r.Next(256) : 1, icmp));
                }
            }
        }

        private static void FixIpChecksum(byte[] f)
        {
            int ihl = (f[14] & 0xF) * 4;
            if (ihl < 20 || 14 + ihl > f.Length) return;
            f[24] = 0; f[25] = 0;
            ushort c = Packets.Checksum(f, 14, ihl);
            f[24] = (byte)(c >> 8); f[25] = (byte)c;
        }
    }
}
