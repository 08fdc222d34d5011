using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Stack.Tests.Infrastructure;

namespace NanoTcp.Stack.Tests
{
    /// <summary>Real Ethernet/ARP/IPv4/ICMP/TCP bytes in, bytes out; checksums verified by the tests' own codec.</summary>
    [TestClass]
    public sealed class FrameLevelTests
    {
        private static readonly uint Dut = ScriptedPeer.DutIp, Peer = ScriptedPeer.PeerIp;

        [TestMethod]
        public void Arp_RequestForOurAddress_IsAnswered()
        {
            var p = new ScriptedPeer(learnPeer: false);
            p.Inject(Packets.Ethernet(Packets.Broadcast, ScriptedPeer.PeerMac, 0x0806, Packets.Arp(1, ScriptedPeer.PeerMac, Peer, new byte[6], Dut)));
            p.Poll();
            var reply = p.Sent().Single();
            Assert.AreEqual(0x0806, reply.EtherType);
            Assert.AreEqual(2, reply.ArpOp);
            CollectionAssert.AreEqual(ScriptedPeer.PeerMac, reply.DstMac);
            CollectionAssert.AreEqual(ScriptedPeer.DutMac, reply.ArpSenderMac);
            Assert.AreEqual(Dut, reply.ArpSenderIp);
            Assert.AreEqual(Peer, reply.ArpTargetIp);
            Assert.AreEqual(60, reply.Frame.Length, "padded to the Ethernet minimum");
            var entry = new ArpEntryInfo();
            Assert.IsTrue(p.Stack.GetArpEntry(0, entry));
            Assert.AreEqual(Peer, entry.Ip);
            Assert.AreEqual(0x020000000001L, entry.Mac);
        }

        [TestMethod]
        public void Arp_RequestForAnotherAddress_IsIgnored()
        {
            var p = new ScriptedPeer(learnPeer: false);
            p.Inject(Packets.Ethernet(Packets.Broadcast, ScriptedPeer.PeerMac, 0x0806, Packets.Arp(1, ScriptedPeer.PeerMac, Peer, new byte[6], Ip4.Address(192, 0, 2, 99))));
            p.Poll();
            Assert.AreEqual(0, p.Sent().Count);
            var entry = new ArpEntryInfo();
            Assert.IsFalse(p.Stack.GetArpEntry(0, entry), "not learned: the request was not about us (RFC 826 merge rule)");
        }

        [TestMethod]
        public void Arp_GratuitousAnnouncementOnFirstPoll()
        {
            var p = new ScriptedPeer(c => c.GratuitousArp = true);
            p.Poll();
            var g = p.Sent().Single();
            Assert.AreEqual(1, g.ArpOp);
            Assert.AreEqual(Dut, g.ArpSenderIp);
            Assert.AreEqual(Dut, g.ArpTargetIp);
            CollectionAssert.AreEqual(Packets.Broadcast, g.DstMac);
            p.Poll();
            Assert.AreEqual(0, p.Sent().Count, "only once");
        }

        [TestMethod]
        [DataRow(0)]
        [DataRow(56)]
        [DataRow(1472)]
        public void Icmp_EchoRequest_IsAnsweredWithSamePayload(int size)
        {
            var p = new ScriptedPeer();
            var data = Enumerable.Range(0, size).Select(i => (byte)(i * 7)).ToArray();
            p.Inject(Packets.Ethernet(ScriptedPeer.DutMac, ScriptedPeer.PeerMac, 0x0800, Packets.Ipv4(Peer, Dut, 1, Packets.IcmpEcho(8, 0x1234, 7, data))));
            p.Poll();
            var r = p.Sent().Single();
            Assert.AreEqual(0, r.IcmpType);
            Assert.AreEqual(0x1234, r.IcmpId);
            Assert.AreEqual(7, r.IcmpSeq);
            CollectionAssert.AreEqual(data, r.IcmpData);
            Assert.AreEqual(Peer, r.IpDst);
            Assert.AreEqual(Dut, r.IpSrc);
            Assert.AreEqual(64, r.Ttl);
            Assert.AreEqual(1L, p.Stack.Counters.IcmpEchoRepliesSent);
        }

        [TestMethod]
        public void Icmp_BadChecksum_IsDroppedAndCounted()
        {
            var p = new ScriptedPeer();
            var icmp = Packets.IcmpEcho(8, 1, 1, new byte[] { 1, 2, 3 });
            icmp[9] ^= 0xFF;
            p.Inject(Packets.Ethernet(ScriptedPeer.DutMac, ScriptedPeer.PeerMac, 0x0800, Packets.Ipv4(Peer, Dut, 1, icmp)));
            p.Poll();
            Assert.AreEqual(0, p.Sent().Count);
            Assert.AreEqual(1L, p.Stack.Counters.Drops(DropReason.IcmpChecksum));
        }

        [TestMethod]
        public void Ipv4_BadHeaderChecksum_FragmentsAndForeignDestination_AreDropped()
        {
            var p = new ScriptedPeer();
            var ip = Packets.Ipv4(Peer, Dut, 1, Packets.IcmpEcho(8, 1, 1, new byte[4]));
            ip[10] ^= 1;
            p.Inject(Packets.Ethernet(ScriptedPeer.DutMac, ScriptedPeer.PeerMac, 0x0800, ip));
            p.Inject(Packets.Ethernet(ScriptedPeer.DutMac, ScriptedPeer.PeerMac, 0x0800, Packets.Ipv4(Peer, Dut, 1, Packets.IcmpEcho(8, 1, 1, new byte[4]), flagsFrag: 0x2000)));
            p.Inject(Packets.Ethernet(ScriptedPeer.DutMac, ScriptedPeer.PeerMac, 0x0800, Packets.Ipv4(Peer, Ip4.Address(192, 0, 2, 77), 1, Packets.IcmpEcho(8, 1, 1, new byte[4]))));
            p.Inject(Packets.Ethernet(new byte[] { 2, 9, 9, 9, 9, 9 }, ScriptedPeer.PeerMac, 0x0800, Packets.Ipv4(Peer, Dut, 1, Packets.IcmpEcho(8, 1, 1, new byte[4]))));
            p.Poll();
            Assert.AreEqual(0, p.Sent().Count);
            Assert.AreEqual(1L, p.Stack.Counters.Drops(DropReason.IpChecksum));
            Assert.AreEqual(1L, p.Stack.Counters.Drops(DropReason.IpFragment));
            Assert.AreEqual(1L, p.Stack.Counters.Drops(DropReason.IpNotForUs));
            Assert.AreEqual(1L, p.Stack.Counters.Drops(DropReason.EthernetNotForUs));
        }

        [TestMethod]
        public void Tcp_PassiveOpen_DataAndAck_ExactBytes()
        {
            var p = new ScriptedPeer(c => c.IsnSource = new FixedIsn(3022381253));
            int l = p.Stack.Listen(80, 1);
            var synAck = p.Segment(40000, 80, 4225926656, 0, Packets.Syn, 64240, options: Packets.MssOption(1460)).Single();
            Assert.AreEqual(Packets.Syn | Packets.Ack, synAck.Flags);
            Assert.AreEqual(3022381253u, synAck.Seq);
            Assert.AreEqual(4225926657u, synAck.AckNum);
            Assert.AreEqual(1460, synAck.Mss);
            Assert.AreEqual(4096, synAck.Window);
            CollectionAssert.AreEqual(ScriptedPeer.PeerMac, synAck.DstMac);
            Assert.AreEqual(0, p.Segment(40000, 80, 4225926657, 3022381254, Packets.Ack).Count);
            int c = p.Stack.Accept(l);
            Assert.IsTrue(c >= 0);
            Assert.AreEqual(TcpState.Established, p.Stack.GetState(c));
            var ack = p.Segment(40000, 80, 4225926657, 3022381254, Packets.Ack | Packets.Psh, data: new byte[] { 1, 2, 3 }).Single();
            Assert.AreEqual(Packets.Ack, ack.Flags);
            Assert.AreEqual(4225926660u, ack.AckNum);
            Assert.AreEqual(4093, ack.Window);
            var buf = new byte[10];
            Assert.AreEqual(3, p.Stack.Receive(c, buf, 0, 10));
            Assert.AreEqual(3, buf[2]);
            Assert.AreEqual(5, p.Stack.Send(c, new byte[] { 9, 8, 7, 6, 5 }, 0, 5));
            p.Poll();
            var data = p.Sent().Single();
            Assert.AreEqual(Packets.Ack | Packets.Psh, data.Flags);
            Assert.AreEqual(3022381254u, data.Seq);
            CollectionAssert.AreEqual(new byte[] { 9, 8, 7, 6, 5 }, data.Data);
        }

        [TestMethod]
        public void Tcp_SynToClosedPort_GetsRstAck()
        {
            var p = new ScriptedPeer();
            var rst = p.Segment(40000, 81, 1000, 0, Packets.Syn).Single();
            Assert.AreEqual(Packets.Rst | Packets.Ack, rst.Flags);
            Assert.AreEqual(0u, rst.Seq);
            Assert.AreEqual(1001u, rst.AckNum);
            Assert.AreEqual(1L, p.Stack.Counters.TcpRstSent);
        }

        [TestMethod]
        public void Tcp_ActiveOpen_WaitsForArpThenSendsSyn()
        {
            var p = new ScriptedPeer(c => c.IsnSource = new FixedIsn(500), learnPeer: false);
            int c = p.Stack.Connect(Peer, 23, 50000);
            Assert.AreEqual(TcpState.SynSent, p.Stack.GetState(c));
            p.Poll();
            var req = p.Sent().Single();
            Assert.AreEqual(1, req.ArpOp);
            Assert.AreEqual(Peer, req.ArpTargetIp);
            Assert.AreEqual(1L, p.Stack.Counters.ArpMisses);
            p.Inject(Packets.Ethernet(ScriptedPeer.DutMac, ScriptedPeer.PeerMac, 0x0806, Packets.Arp(2, ScriptedPeer.PeerMac, Peer, ScriptedPeer.DutMac, Dut)));
            p.Poll();
            var syn = p.Sent().Single();
            Assert.AreEqual(Packets.Syn, syn.Flags);
            Assert.AreEqual(500u, syn.Seq);
            Assert.AreEqual(50000, syn.SrcPort);
            Assert.AreEqual(1460, syn.Mss);
            var ack = p.Segment(23, 50000, 7000, 501, Packets.Syn | Packets.Ack, 1000, options: Packets.MssOption(536)).Single();
            Assert.AreEqual(Packets.Ack, ack.Flags);
            Assert.AreEqual(501u, ack.Seq);
            Assert.AreEqual(7001u, ack.AckNum);
            Assert.AreEqual(TcpState.Established, p.Stack.GetState(c));
            var info = new TcpConnectionInfo();
            Assert.IsTrue(p.Stack.GetConnectionInfo(c & 0xFF, info));
            Assert.AreEqual(536, info.Mss);
        }

        [TestMethod]
        public void Icmp_PortUnreachableForOurSyn_FailsConnect_ButNotForOtherSequenceNumbers()
        {
            var p = new ScriptedPeer(c => c.IsnSource = new FixedIsn(900));
            int c = p.Stack.Connect(Peer, 23, 50000);
            p.Poll();
            var syn = p.Sent().Single();
            byte[] Quote(uint seq)
            {
                var tcp = Packets.Tcp(Dut, Peer, 50000, 23, seq, 0, Packets.Syn, 1000);
                var ip = Packets.Ipv4(Dut, Peer, 6, tcp);
                return Packets.IcmpEcho(3, 0, 0, ip.Take(28).ToArray()).Select((b, i) => i == 1 ? (byte)3 : b).ToArray();
            }
            byte[] Fix(byte[] icmp) { icmp[2] = 0; icmp[3] = 0; var c2 = Packets.Checksum(icmp, 0, icmp.Length); icmp[2] = (byte)(c2 >> 8); icmp[3] = (byte)c2; return icmp; }
            p.Inject(Packets.Ethernet(ScriptedPeer.DutMac, ScriptedPeer.PeerMac, 0x0800, Packets.Ipv4(Peer, Dut, 1, Fix(Quote(12345)))));
            p.Poll();
            Assert.AreEqual(TcpState.SynSent, p.Stack.GetState(c), "a quoted segment that is not our SYN is ignored");
            p.Inject(Packets.Ethernet(ScriptedPeer.DutMac, ScriptedPeer.PeerMac, 0x0800, Packets.Ipv4(Peer, Dut, 1, Fix(Quote(syn.Seq)))));
            p.Poll();
            Assert.AreEqual(TcpState.Closed, p.Stack.GetState(c));
            Assert.AreEqual(TcpError.ConnectionRefused, p.Stack.GetLastError(c));
            Assert.AreEqual(2L, p.Stack.Counters.IcmpUnreachableReceived);
        }

        [TestMethod]
        public void Icmp_EchoClient_ReportsReply()
        {
            var p = new ScriptedPeer();
            var listener = new EchoRecorder();
            p.Stack.EchoListener = listener;
            Assert.IsTrue(p.Stack.SendEchoRequest(Peer, 0x42, 3, 32));
            p.Poll();
            var req = p.Sent().Single();
            Assert.AreEqual(8, req.IcmpType);
            Assert.AreEqual(32, req.IcmpData.Length);
            p.Inject(Packets.Ethernet(ScriptedPeer.DutMac, ScriptedPeer.PeerMac, 0x0800, Packets.Ipv4(Peer, Dut, 1, Packets.IcmpEcho(0, 0x42, 3, req.IcmpData))));
            p.Now += 5;
            p.Poll();
            Assert.AreEqual("192.0.2.1 66 3 32 10005", listener.Last);
        }

        [TestMethod]
        public void Tracer_SeesFramesAndStateChanges()
        {
            var p = new ScriptedPeer();
            var tracer = new RecordingTracer();
            p.Stack.Tracer = tracer;
            p.Stack.Listen(80, 1);
            p.Segment(40000, 80, 1, 0, Packets.Syn);
            p.Segment(40001, 81, 1, 0, Packets.Syn);
            Assert.AreEqual(2, tracer.In);
            Assert.AreEqual(2, tracer.Out);
            Assert.AreEqual(1, tracer.Dropped);
            Assert.AreEqual("Closed->SynReceived", tracer.LastTransition);
        }

        private sealed class EchoRecorder : IEchoReplyListener
        {
            public string Last;
            public void OnEchoReply(uint fromIp, int identifier, int sequence, int length, long nowMs)
                => Last = $"{Ip4.ToString(fromIp)} {identifier} {sequence} {length} {nowMs}";
        }

        private sealed class RecordingTracer : IStackTracer
        {
            public int In, Out, Dropped;
            public string LastTransition;
            public void FrameReceived(byte[] frame, int offset, int length, long nowMs) => In++;
            public void FrameSent(byte[] frame, int offset, int length, bool accepted, long nowMs) => Out++;
            public void FrameDropped(DropReason reason, byte[] frame, int offset, int length, long nowMs) => Dropped++;
            public void TcpStateChanged(int handle, TcpState from, TcpState to, long nowMs) => LastTransition = $"{from}->{to}";
        }
    }
}
