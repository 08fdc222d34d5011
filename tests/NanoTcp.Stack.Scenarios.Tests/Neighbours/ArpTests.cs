using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp;
using NanoTcp.Scenarios.Harness;
using NanoTcp.Scenarios.Harness.Wire;

namespace NanoTcp.Scenarios.Neighbours
{
    /// <summary>ARP (RFC 826) and the neighbour cache: answering, learning, announcing, resolving before sending.</summary>
    [TestClass]
    public sealed class ArpTests : ScenarioTest
    {
        [TestMethod]
        public void Arp_BroadcastRequestForDut_AnsweredAndSenderLearned()
        {
            NewPeer();
            Peer.Arp.Clear(); // the gratuitous ARP of the first Poll (RFC 5227 §3)
            Peer.InjectFrame(Peer.ArpFrame(ArpPacket.OpRequest, ScriptedPeer.DutIp));
            // RFC 826: swap sender and target, fill in our hardware address, opcode reply.
            Assert.HasCount(1, Peer.Arp);
            ArpPacket reply = Peer.Arp.Dequeue();
            Assert.AreEqual(ArpPacket.OpReply, reply.Operation);
            CollectionAssert.AreEqual(ScriptedPeer.DutMac, reply.SenderMac);
            Assert.AreEqual(ScriptedPeer.DutIp, reply.SenderIp);
            CollectionAssert.AreEqual(ScriptedPeer.PeerMac, reply.TargetMac);
            Assert.AreEqual(ScriptedPeer.PeerIp, reply.TargetIp);
            CollectionAssert.AreEqual(ScriptedPeer.PeerMac, Peer.LastFrameFromDut[..6], "unicast to the asker");
            Assert.HasCount(60, Peer.LastFrameFromDut, "padded to the Ethernet minimum (IEEE 802.3 §3.2.8)");
            // RFC 826 merge rule: a request addressed to us teaches us the sender.
            ArpEntryInfo entry = Introspection.ArpEntry(Dut, ScriptedPeer.PeerIp) ?? default;
            Assert.AreEqual(ScriptedPeer.PeerIp, entry.Ip);
            Assert.AreEqual(0x020000000001L, entry.Mac);
        }

        [TestMethod]
        public void Arp_RequestForAnotherAddress_IgnoredAndNotLearned()
        {
            NewPeer();
            Peer.Arp.Clear();
            Peer.InjectFrame(Peer.ArpFrame(ArpPacket.OpRequest, ScriptedPeer.DutIp + 5));
            Assert.IsEmpty(Peer.Arp);
            Assert.AreEqual(0, Introspection.ArpEntries(Dut), "RFC 826: the sender is merged only when we are the target");
        }

        [TestMethod]
        public void Arp_GratuitousAnnouncementOnFirstPoll_Once()
        {
            NewPeer(); // the constructor polls once
            // RFC 5227 §3: an ARP request with sender and target both our address, broadcast.
            Assert.HasCount(1, Peer.Arp);
            ArpPacket g = Peer.Arp.Dequeue();
            Assert.AreEqual(ArpPacket.OpRequest, g.Operation);
            Assert.AreEqual(ScriptedPeer.DutIp, g.SenderIp);
            Assert.AreEqual(ScriptedPeer.DutIp, g.TargetIp);
            CollectionAssert.AreEqual(EthernetFrame.Broadcast, Peer.LastFrameFromDut[..6]);
            Peer.AdvanceBy(10_000);
            Assert.IsEmpty(Peer.Arp, "only once");
        }

        [TestMethod]
        public void Arp_GratuitousAnnouncementRepeatedWhenLinkComesBack()
        {
            NewPeer();
            Peer.Arp.Clear();
            Peer.DutLink.IsUp = false;
            Peer.AdvanceBy(10);
            Peer.Pump();
            Peer.DutLink.IsUp = true;
            Peer.AdvanceBy(10);
            Peer.Pump();
            // The link-up edge is a new attachment (RFC 5227 §2.3 announces after every change of link state).
            Assert.HasCount(1, Peer.Arp);
            Assert.AreEqual(ScriptedPeer.DutIp, Peer.Arp.Dequeue().TargetIp);
            Peer.AdvanceBy(10);
            Peer.Pump();
            Assert.IsEmpty(Peer.Arp);
        }

        [TestMethod]
        public void Arp_ActiveOpen_ResolvesNextHopBeforeSyn()
        {
            NewPeer();
            Peer.AnswerArp = false;
            Peer.Arp.Clear();
            int conn = Dut.Connect(ScriptedPeer.PeerIp, Peer.PeerPort, Peer.DutPort);
            Assert.AreEqual(TcpState.SynSent, Dut.GetState(conn));
            Peer.Pump();
            // RFC 1122 2.3.2.2: the SYN waits for the resolution; only the request leaves.
            Assert.HasCount(1, Peer.Arp);
            ArpPacket request = Peer.Arp.Dequeue();
            Assert.AreEqual(ArpPacket.OpRequest, request.Operation);
            Assert.AreEqual(ScriptedPeer.PeerIp, request.TargetIp);
            Peer.ExpectNothing();
            Assert.AreEqual(1L, Dut.Counters.ArpMisses);
            Peer.InjectFrame(Peer.ArpFrame(ArpPacket.OpReply, ScriptedPeer.DutIp, ScriptedPeer.DutMac, ScriptedPeer.DutMac));
            Peer.ExpectSegment(Flags.Syn, Iss, window: 4096, mss: 1460);
            Peer.Send(Flags.Syn | Flags.Ack, RemoteIss, Iss + 1, window: 1000, options: TcpOption.Mss(536));
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 1);
            Assert.AreEqual(TcpState.Established, Dut.GetState(conn));
            Assert.AreEqual(536, (Introspection.Connection(Dut, conn) ?? default).Mss);
        }

        [TestMethod]
        public void Arp_NeighbourMacChange_IsFollowed()
        {
            int conn = OpenActive();
            // The peer moves to another NIC and announces it (RFC 5227 §3): the DUT's next segment follows.
            Peer.Mac = new byte[] { 0x02, 0, 0, 0, 0, 0x09 };
            Peer.InjectFrame(Peer.ArpFrame(ArpPacket.OpRequest, ScriptedPeer.PeerIp));
            Peer.ExpectNothing();
            Write(conn, Text("x")); // the peer's frame check fails if it is not addressed to the new MAC
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 1, payload: Text("x"));
            CollectionAssert.AreEqual(Peer.Mac, Peer.LastFrameFromDut[..6]);
        }

        [TestMethod]
        public void Arp_LinkDownWithPendingResolution_DeadlineNotInThePast()
        {
            NewPeer();
            Peer.AnswerArp = false;
            Dut.Connect(ScriptedPeer.PeerIp, Peer.PeerPort, Peer.DutPort);
            Peer.Pump();
            Peer.DutLink.IsUp = false;
            Peer.AdvanceTo(1000);
            Peer.Pump(); // fails if Poll keeps returning "now" (a busy loop for the application)
            Assert.IsGreaterThan(Peer.Now, Peer.NextDeadline);
        }
    }
}
