using System.Collections.Generic;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp;
using NanoTcp.Scenarios.Harness;
using NanoTcp.Scenarios.Harness.Wire;

namespace NanoTcp.Scenarios
{
    /// <summary>Connection establishment, rows S01–S19 (RFC 9293 §3.5, §3.7.1, §3.10; RFC 6298; RFC 6528).</summary>
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
        public void S04_SimultaneousOpen_SynSentGetsSyn_SynAckSameIss_AckEstablishes()
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
        }

        [TestMethod]
        public void S04_SimultaneousOpen_CrossingSynAck_AckedAndEstablished()
        {
            NewPeer();
            int conn = Connect();
            Peer.Send(Flags.Syn, RemoteIss, options: TcpOption.Mss(1460));
            Peer.ExpectSegment(Flags.Syn | Flags.Ack, Iss, RemoteIss + 1, mss: 1460);
            // RFC 9293 §3.5 figure 7 line 6: the other side's SYN+ACK <SEQ=300><ACK=101> completes the open. Its SYN
            // lies below RCV.NXT, so §3.10.7.4 first step makes the segment's SYN an old duplicate that must be
            // acknowledged <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>; its ACK of our SYN is taken (fifth step).
            Peer.Send(Flags.Syn | Flags.Ack, RemoteIss, Iss + 1, options: TcpOption.Mss(1460));
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 1);
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
            ExpectSynRetransmissionsAt(1000, 3000, 7000);
            // Budget spent: the last SYN's RTO (8 s) expires at 15 s and Connect fails (RFC 1122 4.2.3.5 R2).
            ExpectConnectTimedOutAt(conn, 15000);
        }

        [TestMethod]
        public void S14_DefaultBudget_BackoffCappedAt60s_GivesUpAfterThreeMinutes()
        {
            NewPeer();
            int conn = Connect(); // SYN at t=0; SynRetries = 7, MaxRtoMs = 60 s (the shipped defaults)
            // RFC 6298 §5.5 doubling, capped at the maximum RTO (§2.5): 1, 2, 4, 8, 16, 32, 60 s.
            ExpectSynRetransmissionsAt(1000, 3000, 7000, 15000, 31000, 63000, 123000);
            // RFC 1122 4.2.3.5: R2 for a SYN MUST be at least 3 minutes; one RTO after the last SYN is 183 s.
            ExpectConnectTimedOutAt(conn, 183000);
            Assert.AreEqual(TcpError.None, Dut.Close(conn));
            Assert.AreEqual(Dut.ConnectionSlotCount, Dut.FreeConnectionSlots);
        }

        /// <summary>Connect still pending just before <paramref name="t"/>, failed with TimedOut at it, nothing sent.</summary>
        private void ExpectConnectTimedOutAt(int conn, long t)
        {
            Peer.AdvanceTo(t - 1);
            Assert.AreEqual(TcpState.SynSent, Dut.GetState(conn));
            Peer.AdvanceTo(t);
            Assert.AreEqual(TcpState.Closed, Dut.GetState(conn));
            Assert.AreEqual(TcpError.TimedOut, Dut.GetLastError(conn));
            Peer.ExpectNothing();
        }

        /// <summary>The SYN again at exactly each of <paramref name="times"/> and never in between.</summary>
        private void ExpectSynRetransmissionsAt(params long[] times)
        {
            foreach (long t in times)
            {
                Peer.AdvanceTo(t - 1);
                Peer.ExpectNothing();
                Peer.AdvanceTo(t);
                Peer.ExpectSegment(Flags.Syn, Iss, mss: 1460, at: t);
            }
        }

        [TestMethod]
        public void S14_UnresolvableNextHop_SameBudget_ArpOncePerSecond_TimedOut()
        {
            // A next hop that never answers ARP: the SYN budget bounds the attempt (no SYN leaves without a next
            // hop), and the ARP requests are rate-limited to one per second (RFC 1122 2.3.2.1).
            NewPeer(c => c.SynRetries = 3);
            Peer.AnswerArp = false;
            Peer.Arp.Clear();
            int conn = Dut.Connect(ScriptedPeer.PeerIp, Peer.PeerPort, Peer.DutPort);
            Assert.IsGreaterThanOrEqualTo(0, conn);
            Peer.Pump();
            // ArpRequestRetries (5) requests one second apart, then the entry is given up until TCP's own
            // retransmission (the SYN due at 7 s) asks again: 0–4 s and 7–11 s.
            Assert.AreEqual(1, Peer.Arp.Count);
            Peer.AdvanceTo(4000);
            Assert.AreEqual(5, Peer.Arp.Count);
            Peer.AdvanceTo(6999);
            Assert.AreEqual(5, Peer.Arp.Count);
            Peer.AdvanceTo(11000);
            Assert.AreEqual(10, Peer.Arp.Count);
            ExpectConnectTimedOutAt(conn, 15000);
            Assert.AreEqual(10, Peer.Arp.Count);
            foreach (ArpPacket request in Peer.Arp)
                Assert.AreEqual(ScriptedPeer.PeerIp, request.TargetIp);
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
            // With SYN cookies off (on by default, they answer instead: see Flood.cs).
            NewPeer(c => c.SynCookies = false);
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
        public void S17_PeerMss100_Honoured()
        {
            // Peer MSS 100: 250 bytes leave as 100 + 100 + 50 (RFC 9293 §3.7.1: SendMSS from the option).
            int conn = OpenPassive(c => c.Nagle = false, mss: 100);
            Write(conn, Data(250));
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 1, payload: Data(250)[..100]);
            Peer.ExpectSegment(Flags.Ack, Iss + 101, RemoteIss + 1, payload: Data(250)[100..200]);
            Peer.ExpectSegment(Flags.Ack, Iss + 201, RemoteIss + 1, payload: Data(250)[200..]);
        }

        [TestMethod]
        public void S17_PassiveOpen_NoMssOption_536()
        {
            // RFC 9293 §3.7.1, RFC 1122 4.2.2.6: without the option the peer's MSS is 536.
            NewPeer(c => c.Nagle = false);
            Listen();
            Peer.Send(Flags.Syn, RemoteIss);
            Peer.ExpectSegment(Flags.Syn | Flags.Ack, Iss, RemoteIss + 1, mss: 1460);
            Peer.Send(Flags.Ack, RemoteIss + 1, Iss + 1);
            int conn = Dut.Accept(Listener);
            Write(conn, Data(1000));
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 1, payload: Data(1000)[..536]);
            Peer.ExpectSegment(Flags.Ack, Iss + 537, RemoteIss + 1, payload: Data(1000)[536..]);
        }

        [TestMethod]
        public void S17_ActiveOpen_SynAckWithoutMss_536()
        {
            NewPeer(c => c.Nagle = false);
            int conn = Connect();
            Peer.Send(Flags.Syn | Flags.Ack, RemoteIss, Iss + 1);
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 1);
            Write(conn, Data(600));
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 1, payload: Data(600)[..536]);
            Peer.ExpectSegment(Flags.Ack, Iss + 537, RemoteIss + 1, payload: Data(600)[536..]);
        }

        [TestMethod]
        public void S17_MssZero_ClampedToDocumentedFloor()
        {
            // MSS 0: clamped up to the documented floor (StackConfig.MinPeerMss = 64), data still flows.
            int conn = OpenPassive(c => c.Nagle = false, mss: 0);
            Write(conn, Data(100));
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 1, payload: Data(100)[..64]);
            Peer.ExpectSegment(Flags.Ack, Iss + 65, RemoteIss + 1, payload: Data(100)[64..]);
        }

        [TestMethod]
        public void S17_MssAbsurd_ClampedToWhatWeCanSend()
        {
            // MSS 65535: clamped to what we can send (our MSS, 1460).
            int conn = OpenPassive(c => c.Nagle = false, mss: 65535);
            Write(conn, Data(2000));
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 1, payload: Data(2000)[..1460]);
            Peer.ExpectSegment(Flags.Ack, Iss + 1461, RemoteIss + 1, payload: Data(2000)[1460..]);
        }

        [TestMethod]
        public void S18_UnknownOptionSkipped_MssStillRead()
        {
            // Unknown kind 253 (RFC 4727 experimental) before the MSS: skipped by its length (RFC 9293 §3.1 MUST-6).
            NewPeer(c => c.Nagle = false);
            Listen();
            Peer.Send(Flags.Syn, RemoteIss, options: new[] { TcpOption.Unknown(253, 6), TcpOption.Mss(1000) });
            Peer.ExpectSegment(Flags.Syn | Flags.Ack, Iss, RemoteIss + 1, mss: 1460);
            Peer.Send(Flags.Ack, RemoteIss + 1, Iss + 1);
            int conn = Dut.Accept(Listener);
            Write(conn, Data(1500));
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 1, payload: Data(1500)[..1000]);
            Peer.ExpectSegment(Flags.Ack, Iss + 1001, RemoteIss + 1, payload: Data(1500)[1000..]);
        }

        [TestMethod]
        public void S18_SynWithOptionPastHeaderEnd_DroppedBeforeTakingASlot()
        {
            NewPeer();
            Listen();
            Peer.Send(Peer.Seg(Flags.Syn, RemoteIss) with { RawOptions = new byte[] { 2, 4, 5, 180, 253, 12, 0, 0 } });
            Peer.ExpectNothing();
            Assert.AreEqual(Dut.ConnectionSlotCount, Dut.FreeConnectionSlots);
            Assert.AreEqual(1, Dut.Counters.Drops(DropReason.TcpMalformed));
        }

        [TestMethod]
        [DataRow(new byte[] { 253, 0, 0, 0 }, DisplayName = "length 0")]
        [DataRow(new byte[] { 253, 1, 0, 0 }, DisplayName = "length 1")]
        [DataRow(new byte[] { 1, 1, 253, 9 }, DisplayName = "past the header end")]
        [DataRow(new byte[] { 1, 1, 1, 2 }, DisplayName = "length octet missing")]
        public void S18_MalformedOptionLength_SegmentDropped_ConnectionUnharmed(byte[] options)
        {
            int conn = OpenPassive();
            // RFC 9293 §3.1 MUST-7: handle illegal option lengths; the segment is dropped, nothing is delivered
            // or acknowledged.
            Peer.Send(Peer.Seg(Flags.Ack, RemoteIss + 1, Iss + 1, payload: Text("bad")) with { RawOptions = options });
            Peer.ExpectNothing();
            Assert.AreEqual(0, Dut.BytesToRead(conn));
            Assert.AreEqual(1, Dut.Counters.Drops(DropReason.TcpMalformed));
            Assert.AreEqual(TcpState.Established, Dut.GetState(conn));
            Peer.Send(Flags.Ack, RemoteIss + 1, Iss + 1, payload: Text("good"));
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 5);
            CollectionAssert.AreEqual(Text("good"), ReadAvailable(conn));
        }

        private static readonly byte[] IsnSecret = Enumerable.Range(1, 16).Select(i => (byte)i).ToArray();

        [TestMethod]
        public void S19_Isn_DistinctAndUncorrelatedPerFourTuple()
        {
            // RFC 6528 §3: ISN = M + F(4-tuple, secret). Eight 4-tuples at the same instant: all different, not a
            // counter (differences not constant), spread over the space, neighbours differ in many bits.
            var isns = new List<uint>();
            NewPeer(c => { c.IsnSource = null; c.IsnSecret = IsnSecret; });
            for (int p = 0; p < 8; p++) isns.Add(SynIsn(50000 + p));
            Assert.AreEqual(8, isns.Distinct().Count(), "distinct ISNs per 4-tuple");
            var deltas = isns.Zip(isns.Skip(1), (a, b) => b - a).ToList();
            Assert.IsGreaterThan(1, deltas.Distinct().Count(), "ISNs of neighbouring ports must not step by a constant");
            Assert.IsGreaterThan(1u << 20, isns.Max() - isns.Min(), "ISNs spread over the sequence space");
            foreach (uint d in isns.Zip(isns.Skip(1), (a, b) => a ^ b))
                Assert.IsGreaterThan(6, System.Numerics.BitOperations.PopCount(d), "neighbouring tuples look unrelated");
        }

        [TestMethod]
        public void S19_Isn_SameFourTupleAdvancesWithThe4usClock()
        {
            NewPeer(c => { c.IsnSource = null; c.IsnSecret = IsnSecret; });
            uint first = SynIsn(50000);
            Peer.AdvanceTo(1000);
            Peer.Pump(); // the stack's clock is the last Poll's time (an application polls all the time)
            uint later = SynIsn(50000);
            // RFC 6528 §3: M is a timer ticking every 4 µs: 10^6 µs / 4 µs later.
            Assert.AreEqual(250000, (int)(later - first));
        }

        [TestMethod]
        public void S19_Isn_DependsOnTheSecret()
        {
            NewPeer(c => { c.IsnSource = null; c.IsnSecret = IsnSecret; });
            uint first = SynIsn(50000);
            NewPeer(c => { c.IsnSource = null; c.IsnSecret = IsnSecret.Reverse().ToArray(); });
            Assert.AreNotEqual(first, SynIsn(50000), "same 4-tuple, same time, another secret");
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
