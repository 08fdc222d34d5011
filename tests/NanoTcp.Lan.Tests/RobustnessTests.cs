using System;
using System.Linq;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Dhcp;
using NanoTcp.Dns;
using NanoTcp.Lan.Tests.Harness;
using NanoTcp.Mdns;
using NanoTcp.Scenarios.Harness.Wire;

namespace NanoTcp.Lan.Tests
{
    /// <summary>Mutated-frame run and the zero-allocation cycle (DHCP renew, DNS lookup, mDNS answer).</summary>
    [TestClass]
    public sealed class RobustnessTests
    {
        private static readonly byte[] GroupMac = { 0x01, 0x00, 0x5E, 0x00, 0x00, 0xFB };

        private static LanWire BoundBoard()
        {
            var w = new LanWire(c => { c.Lan.Dhcp = true; c.Lan.Mdns = true; c.Lan.DhcpProbe = false; c.Lan.DnsCacheEntries = 0; });
            var server = new DhcpServerScript(w);
            server.Bind();
            w.RunUntil(w.Now + 5000);
            w.Sent();
            Assert.AreEqual(DhcpState.Bound, w.Stack.Dhcp.State);
            Assert.AreEqual(MdnsState.Ready, w.Stack.Mdns.State);
            w.Stack.AddStaticArpEntry(server.ServerIp, server.ServerMac, 0);
            w.Stack.AddStaticArpEntry(server.Dns, LanWire.Peer2Mac, 0);
            return w;
        }

        [TestMethod]
        public void Mutated_UDP_DHCP_DNS_and_mDNS_frames_100000_leave_the_stack_answering()
        {
            var w = new LanWire(c => { c.Lan.Dhcp = true; c.Lan.Mdns = true; c.Lan.DhcpProbe = false; c.Lan.DnsServers = new[] { LanWire.Peer2Ip }; });
            var server = new DhcpServerScript(w);
            var rng = new Random(20261202);
            w.Poll();
            var discover = server.TakeDhcp().Single().Dhcp;
            byte[] offer = server.Reply(discover, 2, server.Offered).Encode();
            int frames = 0;
            // Phase 1: mutated offers for the live transaction (the DHCP parser sees its xid).
            for (int i = 0; i < 30000; i++, frames++)
            {
                byte[] p = Mutate(offer, rng);
                if (p.Length >= 8) { p[4] = (byte)(discover.Xid >> 24); p[5] = (byte)(discover.Xid >> 16); p[6] = (byte)(discover.Xid >> 8); p[7] = (byte)discover.Xid; }
                w.Link.Inject(w.UdpFrame(server.ServerMac, LanWire.BroadcastMac, server.ServerIp, 0xFFFFFFFF, 67, 68, p));
                w.Stack.Poll(w.Now);
                if (w.Stack.Dhcp.State != DhcpState.Selecting) { w.Stack.Dhcp.Release(); w.Stack.Dhcp.Start(); w.Poll(); discover = server.TakeDhcp().Last().Dhcp; }
                if ((i & 255) == 0) w.Link.TakeTransmitted();
                while (w.Link.TakeTransmitted() != null) { }
            }
            Assert.AreEqual(0u, w.Stack.IpAddress, "no mutated offer may configure an address");
            w.Stack.Dhcp.Release();
            w.Stack.Dhcp.Start();
            w.Sent();
            server.Bind();
            w.RunUntil(w.Now + 5000);
            w.Stack.AddStaticArpEntry(LanWire.Peer2Ip, LanWire.Peer2Mac, 0);
            // Phase 2: mutated DNS answers for a pending lookup (id and port right), and mutated mDNS queries.
            byte[] name = Encoding.ASCII.GetBytes("printer.lan");
            byte[] mquery = new DnsWire.Response(0, 0, 1, 0, flags: 0).Raw(DnsWire.Name("nanotcp.local")).Add16(1).Add16(1).Bytes();
            for (int i = 0; i < 60000; i++, frames++)
            {
                if (w.Stack.Dns.Status != DnsStatus.Pending) w.Stack.Dns.Resolve(name, 0, name.Length);
                w.Stack.Poll(w.Now);
                byte[] q = null;
                byte[] t;
                while ((t = w.Link.TakeTransmitted()) != null) if (t.Length > 42 && t[23] == 17 && Bytes.U16(t, 36) == 53) q = t;
                if ((i & 1) == 0 && q != null)
                {
                    int id = Bytes.U16(q, 42), port = Bytes.U16(q, 34);
                    byte[] answer = new DnsWire.Response((ushort)id, 0, 1, 2).Question("printer.lan")
                        .Record(DnsWire.Ptr(12), 5, 60, DnsWire.Name("cdn.lan")).Record(DnsWire.Name("cdn.lan"), 1, 60, DnsWire.A(0x0A000001)).Bytes();
                    byte[] m = Mutate(answer, rng);
                    if (m.Length >= 2) { m[0] = (byte)(id >> 8); m[1] = (byte)id; }
                    w.Link.Inject(w.UdpFrame(LanWire.Peer2Mac, LanWire.StackMac, LanWire.Peer2Ip, w.Stack.IpAddress, 53, port, m));
                }
                else
                {
                    w.Link.Inject(w.UdpFrame(LanWire.PeerMac, GroupMac, LanWire.PeerIp, 0xE00000FB, rng.Next(2) == 0 ? 5353 : 40000, 5353, Mutate(mquery, rng), ttl: 255));
                }
                w.Stack.Poll(w.Now);
                w.Now += rng.Next(3);
            }
            // Phase 3: random frames and random UDP to random ports.
            for (int i = 0; i < 20000; i++, frames++)
            {
                byte[] f;
                if ((i & 1) == 0)
                {
                    f = new byte[rng.Next(0, 600)];
                    rng.NextBytes(f);
                    if (f.Length > 14 && rng.Next(2) == 0) { Array.Copy(LanWire.StackMac, f, 6); f[12] = 8; f[13] = 0; }
                }
                else f = w.UdpFrame(LanWire.PeerMac, LanWire.StackMac, LanWire.PeerIp, w.Stack.IpAddress, rng.Next(1, 65536), new[] { 67, 68, 53, 5353, 123, rng.Next(1, 65536) }[rng.Next(6)], Mutate(offer, rng));
                w.Link.Inject(f);
                w.Stack.Poll(w.Now);
                while (w.Link.TakeTransmitted() != null) { }
            }
            Assert.IsTrue(frames >= 100000, "frames: " + frames);
            Assert.IsTrue(w.Drops(DropReason.DhcpMalformed) + w.Drops(DropReason.DnsMalformed) + w.Drops(DropReason.MdnsMalformed) > 1000, "the parsers saw the damage");
            // Still answering: ARP, mDNS (legacy query), UDP, and the lease.
            w.Sent();
            w.Now += 2000;
            w.Inject(w.UdpFrame(LanWire.PeerMac, GroupMac, LanWire.PeerIp, 0xE00000FB, 40001, 5353, mquery, ttl: 255));
            var reply = w.SentUdp().Single(f => f.Udp.DestinationPort == 40001);
            Assert.AreEqual(w.Stack.Mdns.Name, DnsWire.Parse(reply.Udp.Payload).Answers.Single().Name);
            Assert.AreEqual(DhcpState.Bound, w.Stack.Dhcp.State);
            var sock = w.Stack.OpenUdp(9000);
            w.FromPeer(1234, 9000, new byte[] { 1, 2, 3 });
            Assert.AreEqual(3, sock.NextLength);
        }

        private static byte[] Mutate(byte[] good, Random rng)
        {
            byte[] m = (byte[])good.Clone();
            switch (rng.Next(6))
            {
                case 0: // flip bits
                    for (int k = rng.Next(1, 8); k > 0; k--) m[rng.Next(m.Length)] ^= (byte)(1 << rng.Next(8));
                    return m;
                case 1: // truncate
                    return m.Take(rng.Next(m.Length)).ToArray();
                case 2: // random bytes over a range
                    int at = rng.Next(m.Length), n = rng.Next(1, 16);
                    for (int k = 0; k < n && at + k < m.Length; k++) m[at + k] = (byte)rng.Next(256);
                    return m;
                case 3: // compression pointers / length bytes everywhere
                    for (int k = rng.Next(1, 4); k > 0; k--) m[rng.Next(m.Length)] = (byte)(rng.Next(2) == 0 ? 0xC0 : rng.Next(64));
                    return m;
                case 4: // counts
                    if (m.Length > 12) { m[4 + 2 * rng.Next(4)] = (byte)rng.Next(256); m[5 + 2 * rng.Next(4)] = (byte)rng.Next(256); }
                    return m;
                default: // extend with garbage
                    var e = new byte[m.Length + rng.Next(1, 64)];
                    Array.Copy(m, e, m.Length);
                    for (int k = m.Length; k < e.Length; k++) e[k] = (byte)rng.Next(256);
                    return e;
            }
        }

        [TestMethod]
        public void A_DHCP_renew_a_DNS_lookup_and_an_mDNS_answer_allocate_0_bytes()
        {
            var w = BoundBoard();
            var server = new DhcpServerScript(w);
            // Templates built before measuring (ids and ports are patched in place).
            w.Stack.Dhcp.Renew();
            w.Poll();
            var renew = server.TakeDhcp().Single().Dhcp;
            byte[] ack = w.UdpFrame(server.ServerMac, LanWire.StackMac, server.ServerIp, server.Offered, 67, 68, server.Reply(renew, 5, server.Offered).Encode());
            server.Send(server.Reply(renew, 5, server.Offered), server.Offered);
            byte[] name = Encoding.ASCII.GetBytes("printer.lan");
            byte[] dnsAnswer = w.UdpFrame(LanWire.Peer2Mac, LanWire.StackMac, server.Dns, server.Offered, 53, 1,
                new DnsWire.Response(0, 0, 1, 1).Question("printer.lan").Record(DnsWire.Ptr(12), 1, 0, DnsWire.A(0x0A000001)).Bytes());
            byte[] mquery = w.UdpFrame(LanWire.PeerMac, GroupMac, LanWire.PeerIp, 0xE00000FB, 40000, 5353,
                new DnsWire.Response(0x4242, 0, 1, 0, flags: 0).Raw(DnsWire.Name("nanotcp.local")).Add16(1).Add16(1).Bytes(), ttl: 255);
            var frames = new PatchedFrames();
            w.Link.DrainInto(frames.Tx);
            NetworkStack stack = w.Stack;
            long acks = stack.Dhcp.Counters.Acks, answers = stack.Mdns.AnswersSent;
            long before = 0;
            const int warmup = 3, cycles = 50;
            for (int cycle = 0; cycle < warmup + cycles; cycle++)
            {
                if (cycle == warmup) before = GC.GetAllocatedBytesForCurrentThread();
                // DHCP renew: REQUEST out, ACK (with the request's xid) in.
                stack.Dhcp.Renew();
                stack.Poll(w.Now);
                w.Link.DrainInto(frames.Tx);
                frames.Load(ack);
                Array.Copy(frames.Tx, 42 + 4, frames.Rx, 42 + 4, 4);
                frames.FixUdpChecksum();
                w.Link.Inject(frames.Rx, frames.RxLength);
                stack.Poll(w.Now);
                w.Link.DrainInto(frames.Tx);
                // DNS lookup: query out, answer (id and port patched) in.
                stack.Dns.Resolve(name, 0, name.Length);
                stack.Poll(w.Now);
                w.Link.DrainInto(frames.Tx);
                frames.Load(dnsAnswer);
                frames.Rx[42] = frames.Tx[42];
                frames.Rx[43] = frames.Tx[43];
                frames.Rx[36] = frames.Tx[34];
                frames.Rx[37] = frames.Tx[35];
                frames.FixUdpChecksum();
                w.Link.Inject(frames.Rx, frames.RxLength);
                stack.Poll(w.Now);
                if (stack.Dns.Status != DnsStatus.Resolved) break;
                // mDNS: a one-shot query in, the unicast answer out.
                frames.Load(mquery);
                w.Link.Inject(frames.Rx, frames.RxLength);
                stack.Poll(w.Now);
                w.Link.DrainInto(frames.Tx);
                w.Now += 10;
            }
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.AreEqual(DnsStatus.Resolved, stack.Dns.Status, "the DNS cycle worked");
            Assert.AreEqual(acks + warmup + cycles, stack.Dhcp.Counters.Acks, "every renewal was acknowledged");
            Assert.AreEqual(answers + warmup + cycles, stack.Mdns.AnswersSent, "every mDNS query was answered");
            Assert.AreEqual(0L, allocated, "bytes allocated by " + cycles + " cycles");
        }
    }
}
