using System.Collections.Generic;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp;
using NanoTcp.Scenarios.Harness;
using NanoTcp.Scenarios.Harness.Wire;

namespace NanoTcp.Scenarios
{
    /// <summary>
    /// Issue 12, defects D1–D11: one regression test per defect, in the order. Each one failed on the
    /// code before its fix (the failure is quoted in the commit that fixes it).
    /// </summary>
    [TestClass]
    public sealed class Regressions : ScenarioTest
    {
        private static readonly byte[] AttackerMac = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x66 };

        /// <summary>D1 (RFC 826 merge, RFC 1122 2.3.2): a full table of static entries never gives one up.</summary>
        [TestMethod]
        public void R01_StaticArpEntriesAreNeverOverwritten()
        {
            NewPeer(c => c.ArpEntries = 2);
            uint other = 0xC0000209;
            Assert.IsTrue(Dut.AddStaticArpEntry(ScriptedPeer.PeerIp, ScriptedPeer.PeerMac, 0));
            Assert.IsTrue(Dut.AddStaticArpEntry(other, ScriptedPeer.PeerMac, 0));
            // Any host asks for us: the request is for us, so RFC 826 would create an entry for the sender.
            var request = new ArpPacket
            {
                Operation = ArpPacket.OpRequest,
                SenderMac = AttackerMac,
                SenderIp = 0xC0000242,
                TargetMac = new byte[6],
                TargetIp = ScriptedPeer.DutIp,
            };
            Peer.InjectFrame(Peer.EthernetFrameTo(EthernetFrame.TypeArp, request.Encode()));
            var statics = new List<uint>();
            var entry = new ArpEntryInfo();
            for (int i = 0; i < Dut.ArpEntryCount; i++)
                if (Dut.GetArpEntry(i, entry) && entry.Static) statics.Add(entry.Ip);
            CollectionAssert.AreEquivalent(new[] { ScriptedPeer.PeerIp, other }, statics, "static entries keep their addresses");
            Assert.IsTrue(Peer.Arp.Any(a => a.Operation == ArpPacket.OpReply && a.TargetIp == 0xC0000242), "the request is still answered");
        }

        /// <summary>
        /// D2 (RFC 1122 4.2.2.17, RFC 9293 §3.8.6.1): a FIN the peer keeps out of a zero window is probed by the
        /// persist timer for as long as the peer answers; the FIN retry budget does not apply.
        /// </summary>
        [TestMethod]
        public void R02_FinIntoZeroWindowIsProbedWhileThePeerAnswers()
        {
            int conn = OpenPassive();
            Assert.AreEqual(TcpError.None, Dut.Shutdown(conn));
            Peer.Pump();
            Peer.ExpectSegment(Flags.Fin | Flags.Ack, Iss + 1, RemoteIss + 1);
            // The peer answers everything with "nothing of yours accepted, window 0" for ten minutes.
            Peer.Send(Flags.Ack, RemoteIss + 1, Iss + 1, window: 0);
            for (int guard = 0; guard < 10000 && Peer.NextDeadline < 600000; guard++)
            {
                Peer.AdvanceTo(Peer.NextDeadline);
                while (Peer.PendingSegments > 0)
                {
                    Segment s = Peer.Take().Segment;
                    Assert.AreEqual(Flags.None, s.Flags & Flags.Rst, "the DUT gave up on a peer that answers: " + s);
                    Peer.Send(Flags.Ack, RemoteIss + 1, Iss + 1, window: 0);
                }
            }
            Peer.AdvanceTo(600000);
            Assert.AreEqual(TcpState.FinWait1, Dut.GetState(conn));
            Assert.AreEqual(TcpError.None, Dut.GetLastError(conn));
            // The window opens: the FIN goes out and is acknowledged.
            Peer.DiscardPending();
            Peer.Send(Flags.Ack, RemoteIss + 1, Iss + 1, window: 8192);
            Peer.ExpectSegment(Flags.Fin | Flags.Ack, Iss + 1, RemoteIss + 1);
            Peer.Send(Flags.Ack, RemoteIss + 1, Iss + 2);
            Assert.AreEqual(TcpState.FinWait2, Dut.GetState(conn));
        }

        /// <summary>
        /// D3 (RFC 9293 §3.10.7.4: the ACK limiter is for SEG.LEN = 0, and a FIN counts in SEG.LEN): every
        /// retransmitted FIN in CLOSE-WAIT is acknowledged at once.
        /// </summary>
        [TestMethod]
        public void R03_RetransmittedFinIsAlwaysAcknowledged()
        {
            int conn = OpenPassive();
            PeerFinToCloseWait(conn);
            for (int i = 0; i < 3; i++)
            {
                Peer.AdvanceBy(100);
                Peer.Send(Flags.Fin | Flags.Ack, RemoteIss + 1, Iss + 1);
                Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 2);
            }
            Assert.AreEqual(TcpState.CloseWait, Dut.GetState(conn));
        }

        /// <summary>
        /// D4 (RFC 6582 §3.2 steps 2 and 6): after a timeout, "recover" stays at the highest sequence number
        /// sent, so duplicate ACKs caused by the go-back-N resend do not trigger a fast retransmit.
        /// </summary>
        [TestMethod]
        public void R04_DuplicateAcksBelowRecoverAfterTimeoutDoNotFastRetransmit()
        {
            const int mss = 500;
            int conn = OpenPassive(mss: mss);
            Write(conn, Data(4000));
            // Initial window min(4·MSS, max(2·MSS, 4380)) = 2000: four segments, all lost.
            for (int i = 0; i < 4; i++) Peer.Take();
            Peer.ExpectNothing();
            Peer.AdvanceBy(1000);                                       // RTO: s1 again, recover = Iss+2001
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 1, payload: Data(4000)[..mss]);
            // The peer had s2: a partial ACK; the DUT goes back N (s3, s4) and sends new data.
            Peer.Send(Flags.Ack, RemoteIss + 1, Iss + 1001);
            Peer.DiscardPending();
            // It had s4 too: s3 fills the hole (ACK at recover), and the resent s4 yields duplicates of it.
            Peer.Send(Flags.Ack, RemoteIss + 1, Iss + 2001);
            Peer.DiscardPending();
            long fastBefore = Dut.Counters.TcpFastRetransmits;
            for (int i = 0; i < 3; i++) Peer.Send(Flags.Ack, RemoteIss + 1, Iss + 2001);
            Assert.AreEqual(fastBefore, Dut.Counters.TcpFastRetransmits, "no fast retransmit for duplicates at or below recover");
            while (Peer.PendingSegments > 0)
                Assert.AreNotEqual(Iss + 2001, Peer.Take().Segment.Seq, "the segment at SND.UNA was not resent");
        }

        /// <summary>
        /// D5 (RFC 1122 4.2.3.5): a connection whose next hop stops answering ARP keeps counting timeouts and is
        /// closed (the application told) after R2; a SYN from a host we have no route back to is not answered.
        /// </summary>
        [TestMethod]
        public void R05_UnresolvableNextHopEndsTheConnection()
        {
            int conn = OpenPassive();
            Peer.AnswerArp = false;
            Write(conn, Text("data nobody acknowledges"));
            Peer.AdvanceTo(30 * 60 * 1000);
            Assert.AreEqual(TcpState.Closed, Dut.GetState(conn), "given up after the data retry budget");
            Assert.AreEqual(TcpError.TimedOut, Dut.GetLastError(conn));

            // Off-subnet peer, no gateway: there is no way back, so no half-open connection is made.
            NewPeer(c => { c.SubnetMask = 0xFFFFFFFF; c.Gateway = 0; });
            Listen();
            int free = Dut.FreeConnectionSlots;
            Peer.Send(Flags.Syn, RemoteIss, options: TcpOption.Mss(PeerMss));
            Peer.ExpectNothing();
            Assert.AreEqual(free, Dut.FreeConnectionSlots);
            Assert.AreEqual(0, Peer.Arp.Count(a => a.TargetIp == 0), "never an ARP request for 0.0.0.0");
        }

        /// <summary>D6 (RFC 6056 §3.3.3): ephemeral ports are chosen by a keyed hash, not counted up from 49152.</summary>
        [TestMethod]
        public void R06_EphemeralPortsAreRandomised()
        {
            int a = FirstEphemeralPort(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 });
            int b = FirstEphemeralPort(new byte[] { 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1 });
            Assert.AreNotEqual(a, b, "two secrets, two different first ports");
            Assert.IsTrue(a != 49152 || b != 49152, "not the sequential 49152");
            foreach (int p in new[] { a, b }) Assert.IsTrue(p >= 49152 && p <= 65535, "inside the RFC 6335 range: " + p);
        }

        private int FirstEphemeralPort(byte[] secret)
        {
            NewPeer(c => c.IsnSecret = secret);
            int conn = Dut.Connect(ScriptedPeer.PeerIp, 80);
            Assert.IsGreaterThanOrEqualTo(0, conn);
            var info = new TcpConnectionInfo();
            Assert.IsTrue(Dut.GetConnectionInfo(conn & 0xFF, info));
            return info.LocalPort;
        }

        /// <summary>
        /// D7: Receive with count 0 is an invalid argument (it can never be confused with end of stream, which
        /// is the only 0), whether data is waiting or not.
        /// </summary>
        [TestMethod]
        public void R07_ReceiveOfZeroBytesIsNotEndOfStream()
        {
            int conn = OpenPassive();
            Peer.Send(Flags.Ack | Flags.Psh, RemoteIss + 1, Iss + 1, payload: Text("abc"));
            Peer.DiscardPending();
            var buf = new byte[8];
            Assert.AreEqual(TcpError.InvalidArgument, Dut.Receive(conn, buf, 0, 0));
            Assert.AreEqual(3, Dut.BytesToRead(conn), "nothing consumed");
            Assert.AreEqual(3, Dut.Receive(conn, buf, 0, buf.Length));
            Peer.Send(Flags.Fin | Flags.Ack, RemoteIss + 4, Iss + 1);
            Assert.AreEqual(TcpError.InvalidArgument, Dut.Receive(conn, buf, 0, 0));
            Assert.AreEqual(0, Dut.Receive(conn, buf, 0, buf.Length), "end of stream");
        }

        /// <summary>D8 (RFC 9293 §3.10.7.4): the window is only updated from a segment with SND.UNA =&lt; SEG.ACK.</summary>
        [TestMethod]
        public void R08_WindowUpdateNeedsAnAckAtOrAboveSndUna()
        {
            int conn = OpenPassive();
            Write(conn, Text("0123456789"));
            Peer.ExpectSegment(Flags.Ack | Flags.Psh, Iss + 1, RemoteIss + 1, payload: Text("0123456789"));
            Peer.Send(Flags.Ack | Flags.Psh, RemoteIss + 1, Iss + 11, payload: Text("x"));
            Peer.ExpectSegment(Flags.Ack, Iss + 11, RemoteIss + 2);
            // A reordered old segment: newer SEQ (more data) but an ACK below SND.UNA and window 0.
            Peer.Send(Flags.Ack | Flags.Psh, RemoteIss + 2, Iss + 1, window: 0, payload: Text("y"));
            Peer.ExpectSegment(Flags.Ack, Iss + 11, RemoteIss + 3);
            Write(conn, Text("more"));
            Peer.ExpectSegment(Flags.Ack | Flags.Psh, Iss + 11, RemoteIss + 3, payload: Text("more"));
        }

        /// <summary>
        /// D9 (RFC 9293 §3.10.7.4, TIME-WAIT): only a retransmitted FIN that acknowledges our FIN restarts 2MSL.
        /// </summary>
        [TestMethod]
        public void R09_TimeWaitRestartsOnlyForAFinThatAcksOurFin()
        {
            int conn = OpenPassive();
            CloseToFinWait1(conn);
            AckFinToFinWait2(conn);
            long start = Peer.Now;
            FinToTimeWait(conn);
            Peer.AdvanceBy(50000);
            // The peer's FIN again, but its ACK does not cover our FIN (Iss+1 instead of Iss+2).
            Peer.Send(Flags.Fin | Flags.Ack, RemoteIss + 1, Iss + 1);
            Peer.DiscardPending();
            Peer.AdvanceTo(start + Peer.Config.TimeWaitMs + 1);
            Assert.AreEqual(TcpState.Closed, Peer.SlotState(), "2MSL was not restarted");
        }

        /// <summary>
        /// D10 (RFC 9293 §3.1/§3.7.1: options with a usable length are skipped if not understood): an MSS option
        /// of the wrong length is ignored, not the whole SYN.
        /// </summary>
        [TestMethod]
        public void R10_MssOptionOfWrongLengthIsIgnored()
        {
            NewPeer();
            Listen();
            // Kind 2, length 3, one byte of value, then a NOP: parseable, but not a usable MSS.
            Peer.Send(Peer.Seg(Flags.Syn, RemoteIss) with { RawOptions = new byte[] { TcpOption.KindMss, 3, 5, TcpOption.KindNop } });
            Peer.ExpectSegment(Flags.Syn | Flags.Ack, Iss, RemoteIss + 1, mss: Peer.Config.Mss);
            Assert.AreEqual(Peer.Config.DefaultPeerMss, Peer.SlotInfo().Mss, "no usable MSS: the default 536");
        }

        /// <summary>
        /// D11 (lwIP tcp_alloc): when every slot is busy, an orphaned connection in LAST-ACK (application closed,
        /// FIN unacknowledged) is reclaimed (with a RST) for a new connection.
        /// </summary>
        [TestMethod]
        public void R11_OrphanedLastAckIsReclaimedWhenSlotsRunOut()
        {
            int conn = OpenPassive(c => c.ConnectionSlots = 1);
            PeerFinToCloseWait(conn);
            Assert.AreEqual(TcpError.None, Dut.Close(conn));
            Peer.Pump();
            Peer.ExpectSegment(Flags.Fin | Flags.Ack, Iss + 1, RemoteIss + 2);
            Peer.PeerPort = 40001;
            Peer.Send(Flags.Syn, RemoteIss + 7000, options: TcpOption.Mss(PeerMss));
            var sent = new List<Segment>();
            while (Peer.PendingSegments > 0) sent.Add(Peer.Take().Segment);
            Assert.IsTrue(sent.Any(s => s.DestinationPort == 40000 && (s.Flags & Flags.Rst) != 0), "the orphan is reset");
            Assert.IsTrue(sent.Any(s => s.DestinationPort == 40001 && s.Flags == (Flags.Syn | Flags.Ack) && s.Ack == RemoteIss + 7001),
                "the new SYN is answered");
        }
    }
}
