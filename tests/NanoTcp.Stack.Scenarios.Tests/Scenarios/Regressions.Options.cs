using System.Collections.Generic;
using System.Linq;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp;
using NanoTcp.Scenarios.Harness;
using NanoTcp.Scenarios.Harness.Wire;

namespace NanoTcp.Scenarios
{
    /// <summary>
    /// Issue 12, D12: Nagle and keepalive per connection (SetNoDelay / SetDelayedAck / SetKeepAlive). Written
    /// against the per-connection options API of the redesigned core; excluded from the build (csproj
    /// Compile Remove) until that API exists.
    /// </summary>
    [TestClass]
    public sealed class RegressionsOptions : ScenarioTest
    {
        /// <summary>D12: one connection without Nagle and with keepalive, its neighbour with the stack defaults.</summary>
        [TestMethod]
        public void R12_NagleAndKeepAliveArePerConnection()
        {
            int telnet = OpenPassive(c => { c.ConnectionSlots = 4; c.KeepAliveIdleMs = 10000; c.KeepAliveIntervalMs = 1000; });
            int bulk = HandshakeFrom(40001);
            Dut.SetNoDelay(telnet, true);
            Dut.SetKeepAlive(telnet, true);

            // Nagle (RFC 1122 4.2.3.4): with "a" unacknowledged, "b" goes out at once only without Nagle.
            Peer.PeerPort = 40000;
            Write(telnet, Text("a"));
            Peer.ExpectSegment(Flags.Ack | Flags.Psh, Iss + 1, RemoteIss + 1, payload: Text("a"));
            Write(telnet, Text("b"));
            Peer.ExpectSegment(Flags.Ack | Flags.Psh, Iss + 2, RemoteIss + 1, payload: Text("b"));
            Peer.PeerPort = 40001;
            Write(bulk, Text("a"));
            Peer.ExpectSegment(Flags.Ack | Flags.Psh, Iss + 1, RemoteIss + 1, payload: Text("a"));
            Write(bulk, Text("b"));
            Peer.ExpectNothing();
            Peer.Send(Flags.Ack, RemoteIss + 1, Iss + 2);
            Peer.ExpectSegment(Flags.Ack | Flags.Psh, Iss + 2, RemoteIss + 1, payload: Text("b"));
            Peer.Send(Flags.Ack, RemoteIss + 1, Iss + 3);
            Peer.PeerPort = 40000;
            Peer.Send(Flags.Ack, RemoteIss + 1, Iss + 3);
            Peer.ExpectNothing();

            // Keepalive (RFC 1122 4.2.3.6): only the connection that asked for it probes after the idle time.
            Peer.AdvanceBy(10001);
            var probes = new List<Segment>();
            while (Peer.PendingSegments > 0) probes.Add(Peer.Take().Segment);
            Assert.AreEqual(1, probes.Count(s => s.DestinationPort == 40000 && s.Seq == Iss + 2 && s.Payload.Length == 0),
                "one keepalive probe (SEQ = SND.NXT - 1) on the connection with keepalive");
            Assert.AreEqual(0, probes.Count(s => s.DestinationPort == 40001), "none on the other");
        }
    }
}
