using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Stack.Tests.Infrastructure;

namespace NanoTcp.Stack.Tests
{
    /// <summary>Regression tests for the reviewer's audit (coord/stack-bugs.md audit-1 … audit-14).</summary>
    [TestClass]
    public sealed class RobustnessTests
    {
        private static readonly uint Peer = ScriptedPeer.PeerIp, Dut = ScriptedPeer.DutIp;

        [TestMethod]
        public void Audit12_HugeOffsets_AreInvalidArguments_NotExceptions()
        {
            var e = new Established();
            var buf = new byte[16];
            Assert.AreEqual(TcpError.InvalidArgument, e.P.Stack.Send(e.Handle, buf, int.MaxValue, 1));
            Assert.AreEqual(TcpError.InvalidArgument, e.P.Stack.Receive(e.Handle, buf, int.MaxValue, 1));
            Assert.IsFalse(e.P.Stack.AddStaticArpEntry(1, buf, int.MaxValue - 2));
        }

        [TestMethod]
        public void Audit2_LinkDownWithPendingArp_DeadlineNotInThePast()
        {
            var p = new ScriptedPeer(learnPeer: false);
            p.Stack.Connect(Ip4.Address(192, 0, 2, 50), 80);
            p.Poll();
            p.Dut.IsUp = false;
            p.Now += 1000;
            Assert.IsTrue(p.Stack.Poll(p.Now) > p.Now);
        }

        [TestMethod]
        public void Audit3_HalfClosedTimeWaitWithUnreadData_IsNotReclaimed()
        {
            var p = new ScriptedPeer(c => { c.ConnectionSlots = 1; c.IsnSource = new FixedIsn(1000); });
            int l = p.Stack.Listen(80, 2);
            p.Segment(40000, 80, 5000, 0, Packets.Syn);
            p.Segment(40000, 80, 5001, 1001, Packets.Ack);
            int c = p.Stack.Accept(l);
            p.Stack.Shutdown(c);
            p.Poll();
            p.Sent();
            p.Segment(40000, 80, 5001, 1002, Packets.Fin | Packets.Ack | Packets.Psh, data: new byte[] { 1, 2, 3, 4, 5 });
            Assert.AreEqual(TcpState.TimeWait, p.Stack.GetState(c));
            Assert.AreEqual(0, p.Segment(40001, 80, 9000, 0, Packets.Syn).Count, "SYN dropped: no slot may be taken");
            Assert.AreEqual(5, p.Stack.BytesToRead(c));
            Assert.AreEqual(0L, p.Stack.Counters.TcpTimeWaitReclaimed);
        }

        [TestMethod]
        public void Audit11_GratuitousArp_RepeatedAfterLinkComesBack()
        {
            var p = new ScriptedPeer(c => c.GratuitousArp = true);
            p.Poll();
            Assert.AreEqual(1, p.Sent().Count(f => f.ArpOp == 1 && f.ArpTargetIp == Dut));
            p.Dut.IsUp = false;
            p.Poll();
            p.Dut.IsUp = true;
            p.Poll();
            Assert.AreEqual(1, p.Sent().Count(f => f.ArpOp == 1 && f.ArpTargetIp == Dut), "announced again on the link-up edge");
            p.Poll();
            Assert.AreEqual(0, p.Sent().Count);
        }

        [TestMethod]
        public void Audit14_UnicastIpInEthernetBroadcast_IsDiscarded()
        {
            var p = new ScriptedPeer();
            p.Inject(Packets.Ethernet(Packets.Broadcast, ScriptedPeer.PeerMac, 0x0800, Packets.Ipv4(Peer, Dut, 1, Packets.IcmpEcho(8, 1, 1, new byte[8]))));
            p.Poll();
            Assert.AreEqual(0, p.Sent().Count);
            Assert.AreEqual(1L, p.Stack.Counters.Drops(DropReason.IpNotForUs));
        }

        [TestMethod]
        public void Audit10_RefusedAck_IsCountedAndRetried()
        {
            var e = new Established();
            var filler = new byte[60];
            while (e.P.Peer.Inbound.Enqueue(filler, 0, 60)) { } // the wire is full: the DUT's transmit is refused
            e.P.Inject(Packets.TcpFrame(ScriptedPeer.DutMac, ScriptedPeer.PeerMac, Peer, Dut, Established.PeerPort, Established.DutPort,
                                        e.PeerSeq, e.DutSeq, Packets.Ack | Packets.Psh, 8192, new byte[] { 1 }));
            e.P.Poll();
            Assert.AreEqual(1L, e.P.Stack.Counters.Drops(DropReason.LinkTransmitFailed));
            e.P.Peer.Inbound.Clear();
            e.P.Poll();
            var ack = e.P.Sent().Single();
            Assert.AreEqual(e.PeerSeq + 1, ack.AckNum, "the owed ACK goes out on the next Poll");
        }

        [TestMethod]
        public void Audit1_OrphanInPersist_IsFreedAfterBudget()
        {
            var e = new Established(c => { c.PersistRetries = 3; c.SendBufferSize = 8192; }, peerWindow: 3000);
            e.P.Stack.Send(e.Handle, new byte[3000], 0, 3000);
            e.P.Poll();
            e.P.Sent();
            e.Send(Packets.Ack, ack: e.DutSeq + 3000, window: 0);
            e.P.Stack.Send(e.Handle, new byte[500], 0, 500);
            e.P.Stack.Close(e.Handle);
            for (int i = 0; i < 20 && e.P.Stack.FreeConnectionSlots == 0 + e.P.Stack.ConnectionSlotCount - 1; i++)
            {
                var sent = e.AdvanceToDeadline();
                if (sent.Any(s => s.Flags == Packets.Ack && s.Data.Length == 0)) e.Send(Packets.Ack, ack: e.DutSeq + 3000, window: 0);
            }
            Assert.AreEqual(e.P.Stack.ConnectionSlotCount, e.P.Stack.FreeConnectionSlots, "answered zero-window probes cannot pin an orphan");
        }

        [TestMethod]
        public void Audit5_NeighbourMacChange_IsFollowed()
        {
            var p = new ScriptedPeer(c => c.IsnSource = new FixedIsn(100), learnPeer: false);
            p.Inject(Packets.Ethernet(ScriptedPeer.DutMac, ScriptedPeer.PeerMac, 0x0806, Packets.Arp(1, ScriptedPeer.PeerMac, Peer, new byte[6], Dut)));
            int c = p.Stack.Connect(Peer, 23, 50000);
            p.Poll();
            var syn = p.Sent().Last();
            CollectionAssert.AreEqual(ScriptedPeer.PeerMac, syn.DstMac);
            p.Segment(23, 50000, 7000, 101, Packets.Syn | Packets.Ack);
            byte[] newMac = { 0x02, 0, 0, 0, 0, 0x09 };
            p.Inject(Packets.Ethernet(Packets.Broadcast, newMac, 0x0806, Packets.Arp(1, newMac, Peer, new byte[6], Peer))); // gratuitous
            p.Poll();
            p.Sent();
            p.Stack.Send(c, new byte[] { 1 }, 0, 1);
            p.Poll();
            CollectionAssert.AreEqual(newMac, p.Sent().Single().DstMac);
        }

        [TestMethod]
        public void Audit8_RtoIsThreeSecondsAfterSynTimeout()
        {
            var p = new ScriptedPeer(c => c.IsnSource = new FixedIsn(100));
            int c = p.Stack.Connect(Peer, 23, 50000);
            p.Poll();
            p.Sent();
            p.Now += 1000;
            p.Poll();
            Assert.AreEqual(1, p.Sent().Count, "SYN retransmitted");
            p.Now += 100;
            p.Segment(23, 50000, 7000, 101, Packets.Syn | Packets.Ack);
            var info = new TcpConnectionInfo();
            p.Stack.GetConnectionInfo(c & 0xFF, info);
            Assert.AreEqual(3000, info.RetransmissionTimeoutMs);
        }
    }
}
