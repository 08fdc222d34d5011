using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp;
using NanoTcp.Scenarios.Harness;
using NanoTcp.Scenarios.Harness.Wire;

namespace NanoTcp.Scenarios
{
    /// <summary>RST generation and validation, rows S20–S30 (RFC 9293 §3.5.2, §3.10.7; RFC 5961).</summary>
    [TestClass]
    public sealed class Reset : ScenarioTest
    {
        [TestMethod]
        public void S20_SynToClosedPort_RstAck_Seq0_AckSegSeqPlus1()
        {
            NewPeer();
            // RFC 9293 §3.10.7.1: ACK bit off → <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>; the SYN counts one.
            Peer.Send(Flags.Syn, RemoteIss, options: TcpOption.Mss(1460));
            Peer.ExpectSegment(Flags.Rst | Flags.Ack, 0, RemoteIss + 1);
            Assert.AreEqual(Dut.ConnectionSlotCount, Dut.FreeConnectionSlots);
            Assert.AreEqual(1L, Dut.Counters.TcpRstSent);
            // SEG.LEN counts data on the SYN too.
            Peer.Send(Flags.Syn, RemoteIss, payload: Text("early"));
            Peer.ExpectSegment(Flags.Rst | Flags.Ack, 0, RemoteIss + 6);
        }

        [TestMethod]
        public void S21_AckOrDataToClosedPort_RstSeqSegAck_NoAckFlag()
        {
            NewPeer();
            // RFC 9293 §3.10.7.1: ACK bit on → <SEQ=SEG.ACK><CTL=RST>.
            Peer.Send(Flags.Ack, RemoteIss, 123456);
            Peer.ExpectSegment(Flags.Rst, 123456);
            Peer.Send(Flags.Ack | Flags.Psh, RemoteIss, 654321, payload: Text("data"));
            Peer.ExpectSegment(Flags.Rst, 654321);
            // ACK bit off, data: <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>.
            Peer.Send(Flags.Psh, RemoteIss, payload: Text("data"));
            Peer.ExpectSegment(Flags.Rst | Flags.Ack, 0, RemoteIss + 4);
        }

        [TestMethod]
        public void S22_RstToClosedPortOrListen_Discarded()
        {
            NewPeer();
            // RFC 9293 §3.10.7.1: "An incoming segment containing a RST is discarded."
            Peer.Send(Flags.Rst, RemoteIss);
            Peer.Send(Flags.Rst | Flags.Ack, RemoteIss, 5);
            Peer.ExpectNothing();
            // §3.10.7.2: in LISTEN too.
            int listener = Listen();
            Peer.Send(Flags.Rst, RemoteIss);
            Peer.Send(Flags.Rst | Flags.Ack, RemoteIss, 5);
            Peer.ExpectNothing();
            Assert.AreEqual(TcpState.Listen, Dut.GetState(listener));
            Assert.AreEqual(Dut.ConnectionSlotCount, Dut.FreeConnectionSlots);
        }

        [TestMethod]
        public void S23_ListenReceivesAck_RstSeqSegAck()
        {
            NewPeer();
            int listener = Listen();
            // RFC 9293 §3.10.7.2 second: any ACK in LISTEN → <SEQ=SEG.ACK><CTL=RST>.
            Peer.Send(Flags.Ack, RemoteIss, 777);
            Peer.ExpectSegment(Flags.Rst, 777);
            Peer.Send(Flags.Syn | Flags.Ack, RemoteIss, 888, options: TcpOption.Mss(1460)); // SYN+ACK is still an ACK
            Peer.ExpectSegment(Flags.Rst, 888);
            Assert.AreEqual(TcpState.Listen, Dut.GetState(listener));
            Assert.AreEqual(TcpState.Closed, Peer.SlotState());
        }

        [TestMethod]
        public void S24_EstablishedRstAtRcvNxt_Closes()
        {
            int conn = OpenPassive();
            // RFC 5961 §3.2 / RFC 9293 §3.10.7.4 second step: exact match → reset, "connection reset".
            Peer.Send(Flags.Rst, RemoteIss + 1);
            Peer.ExpectNothing();
            Assert.AreEqual(TcpState.Closed, Dut.GetState(conn));
            Assert.AreEqual(TcpError.ConnectionReset, Dut.GetLastError(conn));
            Assert.AreEqual(TcpError.ConnectionReset, Dut.Receive(conn, new byte[4], 0, 4));
            Assert.AreEqual(TcpError.ConnectionReset, Dut.Send(conn, new byte[4], 0, 4), "nothing can be sent on a reset connection");
            Peer.AdvanceBy(10000);
            Peer.ExpectNothing();
        }

        [TestMethod]
        public void S24_EstablishedZeroWindow_RstAtRcvNxtStillCloses()
        {
            // With the receive window at zero the RST is still processed (RFC 9293 §3.10.7.4: "special allowance
            // should be made to accept valid ACKs, URGs, and RSTs").
            int conn = OpenPassive();
            FillReceiveWindow();
            Peer.Send(Flags.Rst, RemoteIss + 1 + (uint)Peer.Config.ReceiveBufferSize);
            Peer.ExpectNothing();
            Assert.AreEqual(TcpState.Closed, Dut.GetState(conn));
            Assert.AreEqual(TcpError.ConnectionReset, Dut.GetLastError(conn));
        }

        [TestMethod]
        public void S25_EstablishedRstInWindowNotRcvNxt_ChallengeAck()
        {
            int conn = OpenPassive();
            // RFC 5961 §3.2: in window but not exact → <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>.
            Peer.Send(Flags.Rst, RemoteIss + 100);
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 1);
            Peer.Send(Flags.Rst | Flags.Ack, RemoteIss + 1 + 4095, Iss + 1); // last octet of the 4096-octet window
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 1);
            Assert.AreEqual(TcpState.Established, Dut.GetState(conn));
            Assert.AreEqual(2, Dut.Counters.TcpChallengeAcks);
        }

        [TestMethod]
        public void S26_EstablishedRstOutsideWindow_SilentlyDropped()
        {
            int conn = OpenPassive();
            // RFC 5961 §3.2 / RFC 9293 §3.10.7.4 first step: outside the window → discard, no ACK for a RST.
            Peer.Send(Flags.Rst, RemoteIss + 1 + 4096);
            Peer.Send(Flags.Rst, RemoteIss);
            Peer.Send(Flags.Rst, RemoteIss + 1 + 0x80000000);
            Peer.ExpectNothing();
            Assert.AreEqual(TcpState.Established, Dut.GetState(conn));
        }

        [TestMethod]
        public void S27_EstablishedSynAnySeq_ChallengeAck_PeerRstThenCloses()
        {
            int conn = OpenPassive();
            // RFC 5961 §4.2 (RFC 9293 §3.10.7.4 fourth step): any SYN → challenge ACK, connection stays.
            Peer.Send(Flags.Syn, RemoteIss + 1, options: TcpOption.Mss(1460));
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 1);
            Peer.Send(Flags.Syn, RemoteIss + 100000, options: TcpOption.Mss(1460));
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 1);
            Peer.Send(Flags.Syn | Flags.Ack, RemoteIss - 5, Iss + 1, options: TcpOption.Mss(1460));
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 1);
            Assert.AreEqual(TcpState.Established, Dut.GetState(conn));
            // A restarted peer answers the challenge ACK with RST <SEQ=SEG.ACK> = our RCV.NXT: that one closes.
            Peer.Send(Flags.Rst, RemoteIss + 1);
            Peer.ExpectNothing();
            Assert.AreEqual(TcpState.Closed, Dut.GetState(conn));
            Assert.AreEqual(TcpError.ConnectionReset, Dut.GetLastError(conn));
        }

        [TestMethod]
        public void S28_AckOfUnsentData_AckSent_SegmentDropped()
        {
            int conn = OpenPassive();
            // RFC 9293 §3.10.7.4 fifth step: SEG.ACK > SND.NXT → send an ACK, drop the segment (and its data).
            Peer.Send(Flags.Ack, RemoteIss + 1, Iss + 500, payload: Text("xyz"));
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 1);
            Assert.AreEqual(0, Dut.BytesToRead(conn));
            Assert.AreEqual(0, Dut.Counters.TcpChallengeAcks, "not a challenge ACK");
            // An acceptable segment still goes through.
            Peer.Send(Flags.Ack, RemoteIss + 1, Iss + 1, payload: Text("xyz"));
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 4);
            CollectionAssert.AreEqual(Text("xyz"), ReadAvailable(conn));
        }

        [TestMethod]
        public void S28_AckFarBelowSndUna_ChallengeAck_SegmentDropped()
        {
            int conn = OpenPassive();
            // RFC 5961 §5.2: SEG.ACK < SND.UNA − MAX.SND.WND (8192) → discard, challenge ACK.
            Peer.Send(Flags.Ack, RemoteIss + 1, Iss + 1 - 8192 - 1, payload: Text("xyz"));
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 1);
            Assert.AreEqual(0, Dut.BytesToRead(conn));
            Assert.AreEqual(1, Dut.Counters.TcpChallengeAcks);
            Assert.AreEqual(TcpState.Established, Dut.GetState(conn));
            Peer.Send(Flags.Ack, RemoteIss + 1, Iss + 1, payload: Text("xyz"));
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 4);
            CollectionAssert.AreEqual(Text("xyz"), ReadAvailable(conn));
        }

        [TestMethod]
        public void S29_ChallengeAcksRateLimitedPerSecond()
        {
            int conn = OpenPassive(c => c.ChallengeAcksPerSecond = 2);
            Peer.AdvanceTo(5000);
            // RFC 5961 §7: at most ChallengeACKLimit challenge ACKs per second.
            for (int i = 0; i < 5; i++) Peer.Send(Flags.Rst, RemoteIss + 10 + (uint)i);
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 1, at: 5000);
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 1, at: 5000);
            Peer.ExpectNothing();
            Assert.AreEqual(3, Dut.Counters.TcpChallengeAcksSuppressed);
            Peer.Send(Flags.Syn, RemoteIss + 50);
            Peer.ExpectNothing();
            // The next second has a fresh budget.
            Peer.AdvanceTo(6500);
            Peer.Send(Flags.Rst, RemoteIss + 10);
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 1, at: 6500);
            Assert.AreEqual(TcpState.Established, Dut.GetState(conn));
        }

        [TestMethod]
        public void S30_OutOfWindowData_DuplicateAck_Discarded()
        {
            int conn = OpenPassive();
            // RFC 9293 §3.10.7.4 first step: unacceptable segment → <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>, drop.
            Peer.Send(Flags.Ack, RemoteIss + 1 + 4096 + 100, Iss + 1, payload: Data(10)); // beyond the window
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 1);
            Peer.Send(Flags.Ack, RemoteIss + 1 - 20, Iss + 1, payload: Data(10));         // entirely old
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 1);
            Assert.AreEqual(0, Dut.BytesToRead(conn));
            Assert.AreEqual(TcpState.Established, Dut.GetState(conn));
        }

        [TestMethod]
        public void S30_OutOfWindowData_AckNotThrottledByChallengeBudget()
        {
            int conn = OpenPassive(c => c.ChallengeAcksPerSecond = 1);
            // Spend the challenge-ACK budget (RFC 5961 §7); the out-of-window ACK is not a challenge ACK.
            Peer.Send(Flags.Rst, RemoteIss + 10);
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 1);
            Peer.Send(Flags.Rst, RemoteIss + 10);
            Peer.ExpectNothing();
            Peer.Send(Flags.Ack, RemoteIss + 1 + 5000, Iss + 1, payload: Data(10));
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 1);
            Assert.AreEqual(TcpState.Established, Dut.GetState(conn));
            Assert.AreEqual(0, Dut.BytesToRead(conn));
        }

        [TestMethod]
        public void S30_ZeroWindow_DataAtRcvNxtUnacceptable_AckedWithWindow0()
        {
            int conn = OpenPassive();
            // RFC 9293 §3.10.7.4 first step, RCV.WND = 0: only a zero-length segment at RCV.NXT is acceptable.
            FillReceiveWindow();
            Peer.Send(Flags.Ack, RemoteIss + 4097, Iss + 1, payload: Data(10));
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 4097, window: 0);
            Assert.AreEqual(4096, Dut.BytesToRead(conn));
        }

        [TestMethod]
        public void S30_OutOfWindowPureAcks_AnsweredOncePer500ms_DataAlways()
        {
            OpenPassive();
            uint old = RemoteIss + 1 - 1000;
            Peer.Send(Flags.Ack, old, Iss + 1);
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 1);
            // Two stacks that disagree about the window would ACK each other forever (RFC 9293 §3.10.7.4 asks for an
            // ACK per unacceptable segment): pure ACKs are answered once per 500 ms, data every time.
            Peer.Send(Flags.Ack, old, Iss + 1);
            Peer.ExpectNothing();
            Peer.Send(Flags.Ack, old, Iss + 1, payload: new byte[] { 1 });
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 1);
            Peer.AdvanceBy(500);
            Peer.Send(Flags.Ack, old, Iss + 1);
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 1);
        }

    }
}
