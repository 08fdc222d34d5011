using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp;
using NanoTcp.Scenarios.Harness;
using NanoTcp.Scenarios.Harness.Wire;

namespace NanoTcp.Scenarios
{
    /// <summary>
    /// Issue 12: SYN flood from spoofed sources that never answer (RFC 4987). The stack keeps at most the
    /// backlog's half-open entries and the slot reserve free, answers everything else with SYN cookies, keeps
    /// established connections working and serves a real client that arrives during the flood.
    /// </summary>
    [TestClass]
    public sealed class Flood : ScenarioTest
    {
        private const ushort OtherPort = 81;

        [TestMethod]
        public void F01_SpoofedSynFlood_EstablishedKeepsWorking_NewClientServedByCookie_ConnectHasItsReserve()
        {
            NewPeer(c => c.ConnectionSlots = 8);
            Peer.OtherHostsAllowed = true;
            Listen(backlog: 3);
            int other = Dut.Listen(OtherPort, 4);
            Assert.IsGreaterThanOrEqualTo(0, other);
            int session = HandshakeFrom(40000);

            // 500 SYNs from 100 spoofed hosts in 192.0.2.100-199 over 5 s, at both listeners; nobody answers.
            for (int i = 0; i < 500; i++)
            {
                uint spoofed = 0xC0000264 + (uint)(i % 100);
                var syn = Peer.Seg(Flags.Syn, (uint)(i * 7919 + 1), options: TcpOption.Mss(1460)) with
                {
                    SourcePort = (ushort)(1024 + i),
                    DestinationPort = i % 5 == 0 ? OtherPort : Peer.DutPort,
                };
                Peer.SendFrom(spoofed, syn);
                Peer.AdvanceBy(10);
            }
            var synAcks = Peer.ToOtherHosts.Where(x => x.Segment.Flags == (Flags.Syn | Flags.Ack)).ToList();
            Assert.AreEqual(500, synAcks.Select(x => (x.Ip, x.Segment.DestinationPort)).Distinct().Count(), "every SYN answered");
            // Half-open entries: 3 for the listener's backlog, the other listener only down to the reserve of 2.
            Assert.AreEqual(2, Dut.FreeConnectionSlots, "the half-open reserve stays free");
            Assert.IsGreaterThanOrEqualTo(490L, Dut.Counters.TcpSynCookiesSent);

            // The open session keeps working both ways.
            Peer.PeerPort = 40000;
            Peer.DiscardPending();
            Peer.Send(Flags.Ack | Flags.Psh, RemoteIss + 1, Iss + 1, payload: Text("ping"));
            Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 5);
            CollectionAssert.AreEqual(Text("ping"), ReadAvailable(session));
            Write(session, Text("pong"));
            Peer.ExpectSegment(Flags.Ack | Flags.Psh, Iss + 1, RemoteIss + 5, payload: Text("pong"));

            // A real client arrives during the flood: a cookie SYN+ACK, its ACK (with data) creates the connection.
            Peer.PeerPort = 40001;
            Peer.Send(Flags.Syn, 5000, options: TcpOption.Mss(1400));
            Segment cookie = Peer.Take("the cookie SYN+ACK").Segment;
            Assert.AreEqual(Flags.Syn | Flags.Ack, cookie.Flags);
            Assert.AreEqual(5001u, cookie.Ack);
            Assert.AreEqual((ushort?)Peer.Config.Mss, cookie.Mss);
            Peer.Send(Flags.Ack | Flags.Psh, 5001, cookie.Seq + 1, payload: Text("hello"));
            Peer.ExpectSegment(Flags.Ack, cookie.Seq + 1, 5006);
            int client = Dut.Accept(Listener);
            Assert.IsGreaterThanOrEqualTo(0, client, "the cookie connection is in the accept queue");
            Assert.AreEqual(TcpState.Established, Dut.GetState(client));
            CollectionAssert.AreEqual(Text("hello"), ReadAvailable(client));
            Assert.AreEqual(1360, Peer.SlotInfo(40001).Mss, "MSS 1400 travels as table entry 1360");
            Write(client, Text("served"));
            Peer.ExpectSegment(Flags.Ack | Flags.Psh, cookie.Seq + 1, 5006, payload: Text("served"));
            Assert.AreEqual(1L, Dut.Counters.TcpSynCookiesValidated);

            // A forged ACK (no cookie of ours) is rejected with a RST and creates nothing.
            Peer.PeerPort = 40002;
            Peer.Send(Flags.Ack, 9001, cookie.Seq + 1);
            Peer.ExpectSegment(Flags.Rst, cookie.Seq + 1);
            Assert.AreEqual(1L, Dut.Counters.TcpSynCookiesRejected);
            Assert.AreEqual(TcpState.Closed, Peer.SlotState(40002));

            // Connect still finds a slot (the reserve), and the half-open entries are gone after the SYN+ACK budget.
            Assert.IsGreaterThanOrEqualTo(0, Dut.Connect(ScriptedPeer.PeerIp, 9999, 50000));
            Peer.AdvanceBy(60000);
            Assert.AreEqual(8 - 3, Dut.FreeConnectionSlots, "only the session, the cookie client and the Connect remain");
        }

        [TestMethod]
        public void F02_CookieAckWhenTheAcceptQueueIsFull_RefusedWithRst()
        {
            NewPeer();
            Listen(backlog: 1);
            HandshakeFrom(40000);                           // accepted
            Peer.PeerPort = 40001;                          // completed but not accepted: the queue is full
            Peer.Send(Flags.Syn, RemoteIss, options: TcpOption.Mss(PeerMss));
            Peer.ExpectSegment(Flags.Syn | Flags.Ack, Iss, RemoteIss + 1, mss: Peer.Config.Mss);
            Peer.Send(Flags.Ack, RemoteIss + 1, Iss + 1);
            Peer.PeerPort = 40002;
            Peer.Send(Flags.Syn, 100, options: TcpOption.Mss(PeerMss));
            Segment cookie = Peer.Take().Segment;
            Assert.AreEqual(Flags.Syn | Flags.Ack, cookie.Flags, "backlog full: answered with a cookie, not dropped");
            Peer.Send(Flags.Ack, 101, cookie.Seq + 1);
            Peer.ExpectSegment(Flags.Rst, cookie.Seq + 1);
            Assert.AreEqual(TcpState.Closed, Peer.SlotState(40002), "refused, never accepted and abandoned");
        }

        [TestMethod]
        public void F03_ConnectionsClosedByThePeerBeforeAccept_DoNotStallTheNextSyn()
        {
            NewPeer();
            Listen(backlog: 2);
            foreach (ushort port in new ushort[] { 40000, 40001 })
            {
                Peer.PeerPort = port;
                Peer.Send(Flags.Syn, RemoteIss, options: TcpOption.Mss(PeerMss));
                Peer.ExpectSegment(Flags.Syn | Flags.Ack, Iss, RemoteIss + 1, mss: Peer.Config.Mss);
                Peer.Send(Flags.Ack, RemoteIss + 1, Iss + 1);
                Peer.Send(Flags.Fin | Flags.Ack, RemoteIss + 1, Iss + 1);
                Peer.ExpectSegment(Flags.Ack, Iss + 1, RemoteIss + 2);
            }
            // Both wait in CLOSE-WAIT for Accept; the next client's SYN gets an ordinary SYN+ACK at once.
            Peer.PeerPort = 40002;
            Peer.Send(Flags.Syn, RemoteIss, options: TcpOption.Mss(PeerMss));
            Peer.ExpectSegment(Flags.Syn | Flags.Ack, Iss, RemoteIss + 1, mss: Peer.Config.Mss);
            Assert.AreEqual(0L, Dut.Counters.Drops(DropReason.TcpBacklogFull));
        }

        [TestMethod]
        public void F04_CookieThenHalfOpenForTheSameSyn_TheCookieAckCompletesTheHalfOpenConnection()
        {
            NewPeer();
            Listen(backlog: 1);
            Peer.PeerPort = 40000;                          // completed, not accepted: the backlog is full
            Peer.Send(Flags.Syn, RemoteIss, options: TcpOption.Mss(PeerMss));
            Peer.ExpectSegment(Flags.Syn | Flags.Ack, Iss, RemoteIss + 1, mss: Peer.Config.Mss);
            Peer.Send(Flags.Ack, RemoteIss + 1, Iss + 1);
            Peer.PeerPort = 40001;
            Peer.Send(Flags.Syn, 100, options: TcpOption.Mss(PeerMss));
            Segment cookie = Peer.Take().Segment;           // the cookie SYN+ACK, delayed on its way
            Assert.IsGreaterThanOrEqualTo(0, Dut.Accept(Listener));
            Peer.AdvanceBy(1000);
            Peer.Send(Flags.Syn, 100, options: TcpOption.Mss(PeerMss)); // the client's retransmission: a half-open slot now
            Peer.ExpectSegment(Flags.Syn | Flags.Ack, Iss, 101, mss: Peer.Config.Mss);
            Peer.Send(Flags.Ack, 101, cookie.Seq + 1);      // the client answered the cookie that arrived first
            Peer.ExpectNothing();
            int conn = Dut.Accept(Listener);
            Assert.IsGreaterThanOrEqualTo(0, conn, "the connection completed, not reset");
            Write(conn, Text("ok"));
            Peer.ExpectSegment(Flags.Ack | Flags.Psh, cookie.Seq + 1, 101, payload: Text("ok"));
        }
    }
}
