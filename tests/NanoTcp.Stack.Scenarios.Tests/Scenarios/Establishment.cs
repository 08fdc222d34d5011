using System.Collections.Generic;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp;
using NanoTcp.Scenarios.Harness;
using NanoTcp.Scenarios.Harness.Wire;

namespace NanoTcp.Scenarios
{
    /// <summary>../shared/tcp-scenarios.md §2: connection establishment, rows 1–19.</summary>
    [TestClass]
    public sealed class Establishment : ScenarioTest
    {
        [TestMethod]
        public void S01_PassiveOpen_SynAckWithMss_AckEstablishes_AcceptReturns()
        {
            NewPeer();
            int listener = Listen();
            Assert.AreEqual(TcpError.WouldBlock, Dut.Accept(listener));
            Peer.Send(Flags.Syn, RemoteIss, options: TcpOption.Mss(1460));
            // RFC 9293 §3.10.7.2: <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>; §3.7.1: we announce our MSS.
            Peer.ExpectSegment(Flags.Syn | Flags.Ack, Iss, RemoteIss + 1, window: 4096, mss: 1460);
            Assert.AreEqual(TcpState.SynReceived, Peer.SlotState());
            Assert.AreEqual(TcpError.WouldBlock, Dut.Accept(listener), "not accepted before the handshake completes");
            Peer.Send(Flags.Ack, RemoteIss + 1, Iss + 1);
            Peer.ExpectNothing();
            int conn = Dut.Accept(listener);
            Assert.IsGreaterThanOrEqualTo(0, conn);
            Assert.AreEqual(TcpState.Established, Dut.GetState(conn));
            Assert.AreEqual(TcpState.Listen, Dut.GetState(listener), "the listener keeps listening");
        }

        [TestMethod]
        public void S02_ActiveOpen_SynWithMss_SynAckAcked_Established()
        {
            NewPeer();
            int conn = Dut.Connect(ScriptedPeer.PeerIp, Peer.PeerPort, Peer.DutPort);
            Assert.IsGreaterThanOrEqualTo(0, conn);
            Assert.AreEqual(TcpState.SynSent, Dut.GetState(conn));
            Peer.Pump();
            Assert.AreEqual(1, Peer.ArpRequestsAnswered, "the DUT resolved the peer first");
            // RFC 9293 §3.10.1: <SEQ=ISS><CTL=SYN>, MSS option (§3.7.1).
            Peer.ExpectSegment(Flags.Syn, Iss, window: 4096, mss: 1460);
            Peer.Send(Flags.Syn | Flags.Ack, RemoteIss, Iss + 1, options: TcpOption.Mss(1460));
            // §3.10.7.3: ACK <SEQ=SND.NXT><ACK=RCV.NXT>, ESTABLISHED.
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 1, window: 4096);
            Assert.AreEqual(TcpState.Established, Dut.GetState(conn));
            Assert.AreEqual(TcpError.None, Dut.GetLastError(conn));
        }

        [TestMethod]
        public void S03_HandshakeAckCarriesData_DeliveredOnceEstablished()
        {
            NewPeer();
            Listen();
            Peer.Send(Flags.Syn, RemoteIss, options: TcpOption.Mss(1460));
            Peer.ExpectSegment(Flags.Syn | Flags.Ack, Iss, RemoteIss + 1, window: 4096, mss: 1460);
            // RFC 9293 §3.10.7.4: SYN-RECEIVED → ESTABLISHED on the ACK, then "continue processing" the text.
            Peer.Send(Flags.Ack | Flags.Psh, RemoteIss + 1, Iss + 1, payload: Text("hello"));
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 6, window: 4096 - 5);
            int conn = Dut.Accept(Listener);
            Assert.AreEqual(TcpState.Established, Dut.GetState(conn));
            CollectionAssert.AreEqual(Text("hello"), ReadAvailable(conn));
        }

        [TestMethod]
        public void S04_SimultaneousOpen_SynSentGetsSyn_SynAckSameIss_Established()
        {
            NewPeer();
            int conn = Connect();
            // RFC 9293 §3.5 figure 7 / §3.10.7.3 fourth step: SYN without ACK → SYN-RECEIVED, <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>.
            Peer.Send(Flags.Syn, RemoteIss, options: TcpOption.Mss(1460));
            Peer.ExpectSegment(Flags.Syn | Flags.Ack, Iss, RemoteIss + 1, mss: 1460);
            Assert.AreEqual(TcpState.SynReceived, Dut.GetState(conn));
            Peer.Send(Flags.Ack, RemoteIss + 1, Iss + 1);
            Peer.ExpectNothing();
            Assert.AreEqual(TcpState.Established, Dut.GetState(conn));
            Write(conn, Text("x"));
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 1, payload: Text("x"));

            // RFC 9293 §3.5 figure 7 line 6: the other side's SYN+ACK <SEQ=300><ACK=101> completes the open
            // (an ACK in reply is allowed; the old SYN's sequence number is below RCV.NXT).
            NewPeer();
            conn = Connect();
            Peer.Send(Flags.Syn, RemoteIss, options: TcpOption.Mss(1460));
            Peer.ExpectSegment(Flags.Syn | Flags.Ack, Iss, RemoteIss + 1, mss: 1460);
            Peer.Send(Flags.Syn | Flags.Ack, RemoteIss, Iss + 1, options: TcpOption.Mss(1460));
            if (Peer.PendingSegments > 0) Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 1);
            Peer.ExpectNothing();
            Assert.AreEqual(TcpState.Established, Dut.GetState(conn));
        }

        [TestMethod]
        public void S05_DuplicateSynInSynReceived_SynAckRetransmitted_NoSecondConnection()
        {
            NewPeer();
            int listener = Listen(backlog: 2);
            Peer.Send(Flags.Syn, RemoteIss, options: TcpOption.Mss(1460));
            Peer.ExpectSegment(Flags.Syn | Flags.Ack, Iss, RemoteIss + 1, mss: 1460);
            int freeAfterFirst = Dut.FreeConnectionSlots;
            Peer.AdvanceBy(100);
            Peer.Send(Flags.Syn, RemoteIss, options: TcpOption.Mss(1460));
            // Same SYN+ACK again (our SYN is still unacknowledged), not a new ISS nor a second TCB.
            Peer.ExpectSegment(Flags.Syn | Flags.Ack, Iss, RemoteIss + 1, mss: 1460);
            Assert.AreEqual(freeAfterFirst, Dut.FreeConnectionSlots, "no second slot for the same 4-tuple");
            Peer.Send(Flags.Ack, RemoteIss + 1, Iss + 1);
            Peer.ExpectNothing();
            Assert.IsGreaterThanOrEqualTo(0, Dut.Accept(listener));
            Assert.AreEqual(TcpError.WouldBlock, Dut.Accept(listener), "exactly one connection");
        }

        [TestMethod]
        public void S06_SynSent_SynAckWithUnacceptableAck_RstSeqSegAck_StaysSynSent()
        {
            NewPeer();
            int conn = Connect();
            // RFC 9293 §3.10.7.3 first step: SEG.ACK =< ISS or > SND.NXT → <SEQ=SEG.ACK><CTL=RST>.
            Peer.Send(Flags.Syn | Flags.Ack, RemoteIss, Iss + 100, options: TcpOption.Mss(1460));
            Peer.ExpectSegment(Flags.Rst, Iss + 100);
            Assert.AreEqual(TcpState.SynSent, Dut.GetState(conn));
            Peer.Send(Flags.Syn | Flags.Ack, RemoteIss, Iss, options: TcpOption.Mss(1460)); // SEG.ACK = ISS
            Peer.ExpectSegment(Flags.Rst, Iss);
            Assert.AreEqual(TcpState.SynSent, Dut.GetState(conn));
            // The real SYN+ACK still completes the handshake.
            Peer.Send(Flags.Syn | Flags.Ack, RemoteIss, Iss + 1, options: TcpOption.Mss(1460));
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 1);
            Assert.AreEqual(TcpState.Established, Dut.GetState(conn));
        }

        [TestMethod]
        public void S07_SynReceived_AckNotForOurSyn_RstSeqSegAck_StateUnchanged()
        {
            NewPeer();
            Listen();
            Peer.Send(Flags.Syn, RemoteIss, options: TcpOption.Mss(1460));
            Peer.ExpectSegment(Flags.Syn | Flags.Ack, Iss, RemoteIss + 1, mss: 1460);
            // RFC 9293 §3.10.7.4 fifth step, SYN-RECEIVED: ACK not in SND.UNA < SEG.ACK =< SND.NXT → <SEQ=SEG.ACK><CTL=RST>.
            Peer.Send(Flags.Ack, RemoteIss + 1, Iss + 50);
            Peer.ExpectSegment(Flags.Rst, Iss + 50);
            Assert.AreEqual(TcpState.SynReceived, Peer.SlotState());
            Assert.AreEqual(TcpError.WouldBlock, Dut.Accept(Listener));
            Peer.Send(Flags.Ack, RemoteIss + 1, Iss + 1);
            Peer.ExpectNothing();
            Assert.AreEqual(TcpState.Established, Dut.GetState(Dut.Accept(Listener)));
        }

        [TestMethod]
        public void S08_SynReceivedFromListen_AcceptableRst_BackToListen_SlotFree()
        {
            NewPeer();
            int listener = Listen();
            int free = Dut.FreeConnectionSlots;
            Peer.Send(Flags.Syn, RemoteIss, options: TcpOption.Mss(1460));
            Peer.ExpectSegment(Flags.Syn | Flags.Ack, Iss, RemoteIss + 1, mss: 1460);
            // RFC 9293 §3.10.7.4 second step: SYN-RECEIVED from a passive OPEN returns to LISTEN, user not informed.
            Peer.Send(Flags.Rst, RemoteIss + 1);
            Peer.ExpectNothing();
            Assert.AreEqual(TcpState.Closed, Peer.SlotState());
            Assert.AreEqual(TcpState.Listen, Dut.GetState(listener));
            Assert.AreEqual(TcpError.WouldBlock, Dut.Accept(listener), "no user-visible connection or error");
            Assert.AreEqual(free, Dut.FreeConnectionSlots, "slot reusable");
            // The listener still answers a new SYN.
            Peer.PeerPort = 40001;
            Peer.Send(Flags.Syn, RemoteIss + 5000, options: TcpOption.Mss(1460));
            Peer.ExpectSegment(Flags.Syn | Flags.Ack, Iss, RemoteIss + 5001, mss: 1460);
        }

        [TestMethod]
        public void S09_SynReceived_FinWithTheAck_CloseWait()
        {
            NewPeer();
            Listen();
            Peer.Send(Flags.Syn, RemoteIss, options: TcpOption.Mss(1460));
            Peer.ExpectSegment(Flags.Syn | Flags.Ack, Iss, RemoteIss + 1, mss: 1460);
            // RFC 9293 §3.10.7.4: the ACK moves SYN-RECEIVED to ESTABLISHED, the eighth step (FIN) to CLOSE-WAIT.
            Peer.Send(Flags.Fin | Flags.Ack, RemoteIss + 1, Iss + 1);
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 2);
            int conn = Dut.Accept(Listener);
            Assert.IsGreaterThanOrEqualTo(0, conn);
            Assert.AreEqual(TcpState.CloseWait, Dut.GetState(conn));
            Assert.AreEqual(0, Dut.Receive(conn, new byte[8], 0, 8), "end of stream");
        }

        [TestMethod]
        public void S10_SynSent_RstWithoutAck_Ignored()
        {
            NewPeer();
            int conn = Connect();
            // RFC 9293 §3.10.7.3 second step: RST without an acceptable ACK → drop.
            Peer.Send(Flags.Rst, 0);
            Peer.Send(Flags.Rst, RemoteIss);
            Peer.ExpectNothing();
            Assert.AreEqual(TcpState.SynSent, Dut.GetState(conn));
            Assert.AreEqual(TcpError.None, Dut.GetLastError(conn));
        }

        [TestMethod]
        public void S11_SynSent_RstWithAckIssPlusOne_Closed_Refused()
        {
            NewPeer();
            int conn = Connect();
            // RFC 9293 §3.10.7.3: acceptable ACK with RST → "error: connection reset", CLOSED.
            Peer.Send(Flags.Rst | Flags.Ack, 0, Iss + 1);
            Peer.ExpectNothing();
            Assert.AreEqual(TcpState.Closed, Dut.GetState(conn));
            Assert.AreEqual(TcpError.ConnectionRefused, Dut.GetLastError(conn));
        }

        [TestMethod]
        public void S12_SynSent_RstWithWrongAck_Dropped_ConnectPending()
        {
            NewPeer();
            int conn = Connect();
            // RFC 9293 §3.10.7.3 first step: unacceptable ACK with RST → drop the segment.
            Peer.Send(Flags.Rst | Flags.Ack, 0, Iss + 7);
            Peer.Send(Flags.Rst | Flags.Ack, 0, Iss);
            Peer.ExpectNothing();
            Assert.AreEqual(TcpState.SynSent, Dut.GetState(conn));
            Peer.Send(Flags.Syn | Flags.Ack, RemoteIss, Iss + 1, options: TcpOption.Mss(1460));
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 1);
            Assert.AreEqual(TcpState.Established, Dut.GetState(conn));
        }

        [TestMethod]
        public void S13_SynSent_PlainAckWrongAck_RstSeqSegAck()
        {
            NewPeer();
            int conn = Connect();
            // RFC 9293 §3.10.7.3 first step: bad ACK → <SEQ=SEG.ACK><CTL=RST>.
            Peer.Send(Flags.Ack, RemoteIss, Iss + 1000);
            Peer.ExpectSegment(Flags.Rst, Iss + 1000);
            Assert.AreEqual(TcpState.SynSent, Dut.GetState(conn));
            // Acceptable ACK but neither SYN nor RST: fifth step, drop.
            Peer.Send(Flags.Ack, RemoteIss, Iss + 1);
            Peer.ExpectNothing();
            Assert.AreEqual(TcpState.SynSent, Dut.GetState(conn));
        }

        [TestMethod]
        public void S14_SynRetransmitted_1s_Doubling_ConnectTimesOutAfterBudget()
        {
            NewPeer(c => c.SynRetries = 3);
            int conn = Connect(); // SYN at t=0
            // RFC 6298 §2.1: initial RTO 1 s; §5.5: back off by doubling.
            foreach (long t in new long[] { 1000, 3000, 7000 })
            {
                Peer.AdvanceTo(t - 1);
                Peer.ExpectNothing();
                Peer.AdvanceTo(t);
                Peer.ExpectSegment(Flags.Syn, Iss, mss: 1460, at: t);
                Assert.AreEqual(TcpState.SynSent, Dut.GetState(conn));
            }
            // Budget spent: the last SYN's RTO (8 s) expires at 15 s and Connect fails (RFC 1122 4.2.3.5 R2).
            Peer.AdvanceTo(14999);
            Assert.AreEqual(TcpState.SynSent, Dut.GetState(conn));
            Peer.AdvanceTo(15000);
            Assert.AreEqual(TcpState.Closed, Dut.GetState(conn));
            Assert.AreEqual(TcpError.TimedOut, Dut.GetLastError(conn));
            Peer.ExpectNothing();

            // A next hop that never answers ARP: the same budget bounds the attempt, and the ARP requests
            // are rate-limited to one per second (RFC 1122 2.3.2.1).
            NewPeer(c => c.SynRetries = 3);
            Peer.AnswerArp = false;
            Peer.Arp.Clear();
            conn = Dut.Connect(ScriptedPeer.PeerIp, Peer.PeerPort, Peer.DutPort);
            Assert.IsGreaterThanOrEqualTo(0, conn);
            Peer.Pump();
            Peer.AdvanceTo(15000);
            Assert.AreEqual(TcpState.Closed, Dut.GetState(conn));
            int error = Dut.GetLastError(conn);
            Assert.IsTrue(error == TcpError.TimedOut || error == TcpError.Unreachable, "error " + error);
            Assert.IsLessThanOrEqualTo(16, Peer.Arp.Count, "at most one ARP request per second");
            Assert.IsGreaterThanOrEqualTo(1, Peer.Arp.Count);
            Peer.ExpectNothing();
        }

        [TestMethod]
        public void S15_SynReceivedWithoutFinalAck_SynAckBackoff_ThenSlotFreed()
        {
            NewPeer(c => c.SynAckRetries = 2);
            int listener = Listen();
            int free = Dut.FreeConnectionSlots;
            Peer.Send(Flags.Syn, RemoteIss, options: TcpOption.Mss(1460));
            Peer.ExpectSegment(Flags.Syn | Flags.Ack, Iss, RemoteIss + 1, mss: 1460, at: 0);
            // RFC 6298 §5.5 backoff; RFC 9293 §3.8.1 the half-open connection must not live forever.
            Peer.AdvanceTo(1000);
            Peer.ExpectSegment(Flags.Syn | Flags.Ack, Iss, RemoteIss + 1, mss: 1460, at: 1000);
            Peer.AdvanceTo(3000);
            Peer.ExpectSegment(Flags.Syn | Flags.Ack, Iss, RemoteIss + 1, mss: 1460, at: 3000);
            Peer.AdvanceTo(6999);
            Assert.AreEqual(TcpState.SynReceived, Peer.SlotState());
            Peer.AdvanceTo(7000);
            Assert.AreEqual(TcpState.Closed, Peer.SlotState());
            Assert.AreEqual(free, Dut.FreeConnectionSlots);
            Assert.AreEqual(TcpState.Listen, Dut.GetState(listener));
            Assert.AreEqual(TcpError.WouldBlock, Dut.Accept(listener));
            Peer.ExpectNothing();
        }

        [TestMethod]
        public void S16_BacklogFull_SynSilentlyDropped_RetransmittedSynAcceptedLater()
        {
            NewPeer();
            int listener = Listen(backlog: 1);
            Peer.PeerPort = 40000;
            Peer.Send(Flags.Syn, RemoteIss, options: TcpOption.Mss(1460));
            Peer.ExpectSegment(Flags.Syn | Flags.Ack, Iss, RemoteIss + 1, mss: 1460);
            Peer.Send(Flags.Ack, RemoteIss + 1, Iss + 1);
            Peer.ExpectNothing();
            // Backlog of one is taken by the unaccepted connection: a SYN gets no answer at all (no RST,
            // so the client retries; lwIP tcp_listen_input).
            Peer.PeerPort = 40001;
            Peer.Send(Flags.Syn, 777000, options: TcpOption.Mss(1460));
            Peer.ExpectNothing();
            Assert.AreEqual(TcpState.Closed, Peer.SlotState());
            Assert.AreEqual(1, Dut.Counters.Drops(DropReason.TcpBacklogFull));
            Assert.IsGreaterThanOrEqualTo(0, Dut.Accept(listener));
            Peer.AdvanceTo(1000);
            Peer.Send(Flags.Syn, 777000, options: TcpOption.Mss(1460));
            Peer.ExpectSegment(Flags.Syn | Flags.Ack, Iss, 777001, mss: 1460);
            Assert.AreEqual(TcpState.SynReceived, Peer.SlotState());
        }

        [TestMethod]
        public void S17_Mss_PeerValueHonoured_Default536_ZeroAndAbsurdClamped()
        {
            // Peer MSS 100: 250 bytes leave as 100 + 100 + 50 (RFC 9293 §3.7.1: SendMSS from the option).
            int conn = OpenPassive(c => c.Nagle = false, mss: 100);
            Write(conn, Data(250));
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 1, payload: Data(250)[..100]);
            Peer.ExpectSegment(Flags.Ack, Iss + 101, RemoteIss + 1, payload: Data(250)[100..200]);
            Peer.ExpectSegment(Flags.Ack, Iss + 201, RemoteIss + 1, payload: Data(250)[200..]);

            // No MSS option: 536 (RFC 9293 §3.7.1, RFC 1122 4.2.2.6).
            NewPeer(c => c.Nagle = false);
            Listen();
            Peer.Send(Flags.Syn, RemoteIss);
            Peer.ExpectSegment(Flags.Syn | Flags.Ack, Iss, RemoteIss + 1, mss: 1460);
            Peer.Send(Flags.Ack, RemoteIss + 1, Iss + 1);
            conn = Dut.Accept(Listener);
            Write(conn, Data(1000));
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 1, payload: Data(1000)[..536]);
            Peer.ExpectSegment(Flags.Ack, Iss + 537, RemoteIss + 1, payload: Data(1000)[536..]);

            // Active open, SYN+ACK without MSS: 536 as well.
            NewPeer(c => c.Nagle = false);
            conn = Connect();
            Peer.Send(Flags.Syn | Flags.Ack, RemoteIss, Iss + 1);
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 1);
            Write(conn, Data(600));
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 1, payload: Data(600)[..536]);
            Peer.ExpectSegment(Flags.Ack, Iss + 537, RemoteIss + 1, payload: Data(600)[536..]);

            // MSS 0: clamped up to the documented floor (StackConfig.MinPeerMss = 64), data still flows.
            conn = OpenPassive(c => c.Nagle = false, mss: 0);
            Write(conn, Data(100));
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 1, payload: Data(100)[..64]);
            Peer.ExpectSegment(Flags.Ack, Iss + 65, RemoteIss + 1, payload: Data(100)[64..]);

            // MSS 65535: clamped to what we can send (our MSS, 1460).
            conn = OpenPassive(c => c.Nagle = false, mss: 65535);
            Write(conn, Data(2000));
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 1, payload: Data(2000)[..1460]);
            Peer.ExpectSegment(Flags.Ack, Iss + 1461, RemoteIss + 1, payload: Data(2000)[1460..]);
        }

        [TestMethod]
        public void S18_UnknownOptionSkipped_MalformedOptionLengthDropsSegment_ConnectionUnharmed()
        {
            // Unknown kind 253 (RFC 4727 experimental) before the MSS: skipped by its length, MSS still read.
            NewPeer(c => c.Nagle = false);
            Listen();
            // A SYN whose options run past the header is dropped before it can take a slot.
            Peer.Send(Peer.Seg(Flags.Syn, RemoteIss - 100) with { RawOptions = new byte[] { 2, 4, 5, 180, 253, 12, 0, 0 } });
            Peer.ExpectNothing();
            Assert.AreEqual(Dut.ConnectionSlotCount, Dut.FreeConnectionSlots);
            Peer.Send(Flags.Syn, RemoteIss, options: new[] { TcpOption.Unknown(253, 6), TcpOption.Mss(1000) });
            Peer.ExpectSegment(Flags.Syn | Flags.Ack, Iss, RemoteIss + 1, mss: 1460);
            Peer.Send(Flags.Ack, RemoteIss + 1, Iss + 1);
            int conn = Dut.Accept(Listener);
            Write(conn, Data(1500));
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 1, payload: Data(1500)[..1000]);
            Peer.ExpectSegment(Flags.Ack, Iss + 1001, RemoteIss + 1, payload: Data(1500)[1000..]);
            Peer.Send(Flags.Ack, RemoteIss + 1, Iss + 1501);

            // Option length 0, 1, and past the header end (RFC 9293 §3.1 MUST-7: handle illegal lengths):
            // the segment is dropped, nothing is delivered or acknowledged.
            long malformedBefore = Dut.Counters.Drops(DropReason.TcpMalformed);
            foreach (byte[] raw in new[] { new byte[] { 253, 0, 0, 0 }, new byte[] { 253, 1, 0, 0 }, new byte[] { 1, 1, 253, 9 }, new byte[] { 1, 1, 1, 2 } })
            {
                Peer.Send(Peer.Seg(Flags.Ack, RemoteIss + 1, Iss + 1501, payload: Text("bad")) with { RawOptions = raw });
                Peer.ExpectNothing();
                Assert.AreEqual(0, Dut.BytesToRead(conn));
            }
            Assert.AreEqual(malformedBefore + 4, Dut.Counters.Drops(DropReason.TcpMalformed));
            Assert.AreEqual(TcpState.Established, Dut.GetState(conn));
            Peer.Send(Flags.Ack, RemoteIss + 1, Iss + 1501, payload: Text("good"));
            Peer.ExpectSegment(Flags.Ack, Iss + 1501, RemoteIss + 5);
            CollectionAssert.AreEqual(Text("good"), ReadAvailable(conn));
        }

        [TestMethod]
        public void S19_IsnRfc6528_KeyedPerFourTuple_IncreasingWithClock()
        {
            byte[] secret = Enumerable.Range(1, 16).Select(i => (byte)i).ToArray();
            // Eight 4-tuples at the same instant: all different, not a counter (differences not constant).
            var isns = new List<uint>();
            NewPeer(c => { c.IsnSource = null; c.IsnSecret = secret; });
            for (int p = 0; p < 8; p++) isns.Add(SynIsn(50000 + p));
            Assert.AreEqual(8, isns.Distinct().Count(), "distinct ISNs per 4-tuple");
            var deltas = isns.Zip(isns.Skip(1), (a, b) => b - a).ToList();
            Assert.IsGreaterThan(1, deltas.Distinct().Count(), "ISNs of neighbouring ports must not step by a constant");
            Assert.IsGreaterThan(1u << 20, isns.Max() - isns.Min(), "ISNs spread over the sequence space");

            // The same 4-tuple later: larger (RFC 6528 §3: ISN = M + F(...), M a timer ticking every 4 µs).
            uint first = isns[0];
            Peer.AdvanceTo(1000);
            Peer.Pump(); // the stack's clock is the last Poll's time (an application polls all the time)
            uint later = SynIsn(50000);
            int advance = (int)(later - first);
            Assert.AreEqual(250000, advance, "same 4-tuple one second later: M advanced by 10^6 µs / 4 µs");

            // Another secret: another ISN for the same 4-tuple at the same time.
            NewPeer(c => { c.IsnSource = null; c.IsnSecret = secret.Reverse().ToArray(); });
            Assert.AreNotEqual(first, SynIsn(50000));
        }

        /// <summary>Connects from <paramref name="localPort"/>, returns the SYN's sequence number, aborts (no RST from SYN-SENT).</summary>
        private uint SynIsn(int localPort)
        {
            int conn = Dut.Connect(ScriptedPeer.PeerIp, Peer.PeerPort, localPort);
            Assert.IsGreaterThanOrEqualTo(0, conn);
            Peer.Pump();
            var syn = Peer.Take("a SYN").Segment;
            Assert.AreEqual(Flags.Syn, syn.Flags);
            Dut.Abort(conn);
            Peer.Pump();
            Peer.ExpectNothing();
            return syn.Seq;
        }
    }
}
