using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp;
using NanoTcp.Scenarios.Harness;
using NanoTcp.Scenarios.Harness.Wire;

namespace NanoTcp.Scenarios.Tcp
{
    /// <summary>
    /// Loss recovery beyond the scenario rows: fast retransmit and limited transmit (RFC 5681, RFC 3042), the
    /// RTO after a handshake that needed a retransmission (RFC 6298 §5.7), the persist budget of an orphan.
    /// </summary>
    [TestClass]
    public sealed class RetransmissionTests : ScenarioTest
    {
        [TestMethod]
        public void FastRetransmit_OnThirdDuplicateAck()
        {
            int conn = OpenPassive(mss: 1000);
            byte[] data = Data(4000);
            Write(conn, data);
            for (int i = 0; i < 4; i++)
                Peer.ExpectSegment(Flags.Ack, Iss + 1 + (uint)(i * 1000), RemoteIss + 1, payload: data[(i * 1000)..((i + 1) * 1000)]);
            // RFC 5681 §3.2: the third duplicate ACK retransmits the first unacknowledged segment at once.
            Peer.Send(Flags.Ack, RemoteIss + 1, Iss + 1);
            Peer.Send(Flags.Ack, RemoteIss + 1, Iss + 1);
            Peer.ExpectNothing();
            Peer.Send(Flags.Ack, RemoteIss + 1, Iss + 1);
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 1, payload: data[..1000]);
            Assert.AreEqual(1L, Dut.Counters.TcpFastRetransmits);
        }

        [TestMethod]
        public void LimitedTransmit_NewSegmentPerEarlyDuplicateAck()
        {
            int conn = OpenPassive(c => c.SendBufferSize = 8192, peerWindow: 60000, mss: 1000);
            byte[] first = Data(4000, 1), more = Data(2000, 2);
            Write(conn, first);
            // RFC 3390: initial window min(4·MSS, max(2·MSS, 4380)) = 4 segments of 1000.
            for (int i = 0; i < 4; i++)
                Peer.ExpectSegment(Flags.Ack, Iss + 1 + (uint)(i * 1000), RemoteIss + 1, payload: first[(i * 1000)..((i + 1) * 1000)]);
            Write(conn, more);
            Peer.ExpectNothing(); // congestion window full
            // RFC 3042: each of the first two duplicate ACKs lets one new segment out.
            Peer.Send(Flags.Ack, RemoteIss + 1, Iss + 1, window: 60000);
            Peer.ExpectSegment(Flags.Ack, Iss + 4001, RemoteIss + 1, payload: more[..1000]);
            Peer.Send(Flags.Ack, RemoteIss + 1, Iss + 1, window: 60000);
            Peer.ExpectSegment(Flags.Ack, Iss + 5001, RemoteIss + 1, payload: more[1000..]);
        }

        [TestMethod]
        public void Rto_ThreeSecondsOnceDataFlowsAfterARetransmittedSyn()
        {
            NewPeer();
            int conn = Connect(); // SYN at t=0
            Peer.AdvanceTo(1000);
            Peer.ExpectSegment(Flags.Syn, Iss, mss: 1460, at: 1000);
            Peer.AdvanceTo(1100);
            Peer.Send(Flags.Syn | Flags.Ack, RemoteIss, Iss + 1, options: TcpOption.Mss(PeerMss));
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 1);
            // RFC 6298 §5.7: the timer expired during the handshake, so RTO is 3 s once data is sent (and Karn's
            // rule gives no sample from the retransmitted SYN).
            Assert.AreEqual(3000, Peer.SlotInfo().RetransmissionTimeoutMs);
            Write(conn, Text("x"));
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 1, payload: Text("x"), at: 1100);
            Peer.AdvanceTo(4099);
            Peer.ExpectNothing();
            Peer.AdvanceTo(4100);
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 1, payload: Text("x"), at: 4100);
        }

        [TestMethod]
        public void Persist_OrphanAnsweringProbesWithZeroWindow_FreedAfterBudget()
        {
            int conn = OpenPassive(c => { c.PersistRetries = 3; c.SendBufferSize = 8192; }, peerWindow: 3000, mss: 1000);
            Write(conn, Data(3000));
            Peer.DiscardPending();
            Peer.Send(Flags.Ack, RemoteIss + 1, Iss + 3001, window: 0);
            Assert.AreEqual(500, Dut.Send(conn, Data(500), 0, 500));
            Assert.AreEqual(TcpError.None, Dut.Close(conn)); // orphaned: nobody will ever read or write again
            Peer.Pump();
            Peer.ExpectNothing();
            // Probes at SND.UNA − 1 (RFC 9293 §3.8.6.1 leaves the form open; an old octet elicits the ACK that
            // carries the window, RFC 9293 §3.10.7.4), backing off; each answered with the window still closed.
            foreach (long t in new long[] { 1000, 3000, 7000 })
            {
                Peer.AdvanceTo(t);
                Peer.ExpectSegment(Flags.Ack, Iss + 3000, RemoteIss + 1, at: t);
                Peer.Send(Flags.Ack, RemoteIss + 1, Iss + 3001, window: 0);
            }
            // PersistRetries = 3 spent: nobody can ever read the 500 bytes, so the orphan is reset and freed when
            // the next probe is due (the application is gone, so RFC 1122 4.2.2.17's indefinite wait does not apply).
            Peer.AdvanceTo(15000);
            Peer.ExpectSegment(Flags.Rst, Iss + 3001, at: 15000);
            Peer.ExpectNothing();
            Assert.AreEqual(Dut.ConnectionSlotCount, Dut.FreeConnectionSlots, "answered zero-window probes cannot pin an orphan");
        }
    }
}
