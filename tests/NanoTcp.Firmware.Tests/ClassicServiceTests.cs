using System.Linq;
using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Firmware.Tests.Harness;

namespace NanoTcp.Firmware.Tests
{
    /// <summary>echo (RFC 862), discard (RFC 863) and chargen (RFC 864) over the wire.</summary>
    [TestClass]
    public sealed class ClassicServiceTests
    {
        private static byte[] Pattern(int length)
        {
            var b = new byte[length];
            for (int i = 0; i < length; i++) b[i] = (byte)(i * 7 + i / 251);
            return b;
        }

        [TestMethod]
        public void Echo_returns_every_byte_then_closes_after_the_peer_fin()
        {
            var bench = new Bench();
            var c = new TelnetClient(bench, 7);
            Assert.IsTrue(c.WaitEstablished());
            byte[] data = Pattern(100_000);
            c.Send(data, 600_000);
            bench.RunUntil(() => { c.Pull(); return c.Raw.Count >= data.Length; }, 600_000);
            CollectionAssert.AreEqual(data, c.Raw.ToArray());
            bench.Client.Shutdown(c.Handle);
            Assert.IsTrue(c.WaitClosed());
            Assert.IsTrue(c.EndOfStream);
            Assert.AreEqual(data.Length, bench.App.GetService(0).BytesSent);
        }

        [TestMethod]
        public void Discard_swallows_everything()
        {
            var bench = new Bench();
            var c = new TelnetClient(bench, 9);
            Assert.IsTrue(c.WaitEstablished());
            c.Send(Pattern(200_000), 600_000);
            bench.RunUntil(() => bench.App.GetService(1).BytesReceived == 200_000, 60_000);
            Assert.AreEqual(200_000, bench.App.GetService(1).BytesReceived);
            c.Pull();
            Assert.AreEqual(0, c.Raw.Count);
            bench.Client.Shutdown(c.Handle);
            Assert.IsTrue(c.WaitClosed());
        }

        [TestMethod]
        public void Chargen_sends_the_rfc864_rotating_lines_and_keeps_going_after_the_peer_fin()
        {
            var bench = new Bench();
            var c = new TelnetClient(bench, 19);
            Assert.IsTrue(c.WaitEstablished());
            bench.Client.Shutdown(c.Handle);
            const int lines = 200;
            bench.RunUntil(() => { c.Pull(); return c.Raw.Count >= lines * 74; }, 60_000);
            string text = Encoding.ASCII.GetString(c.Raw.ToArray(), 0, lines * 74);
            for (int line = 0; line < lines; line++)
            {
                var expected = new StringBuilder();
                for (int col = 0; col < 72; col++) expected.Append((char)(' ' + (line + col) % 95));
                expected.Append("\r\n");
                Assert.AreEqual(expected.ToString(), text.Substring(line * 74, 74), "line " + line);
            }
            Assert.AreEqual(1, bench.App.GetService(2).ActiveConnections, "a half-close does not stop chargen");
            bench.Client.Abort(c.Handle);
            bench.Run(5_000);
            Assert.AreEqual(0, bench.App.GetService(2).ActiveConnections, "the peer's RST does");
        }

        [TestMethod]
        public void Connections_beyond_the_limit_wait_in_the_backlog_or_are_refused_never_abandoned()
        {
            // Issue 12, honest accept policy: a completed handshake is served (maybe after waiting in the backlog)
            // or refused with a RST; nothing is accepted only to be closed unserved.
            var bench = new Bench(s => s.ServiceConnections = 2);
            var clients = Enumerable.Range(0, 2).Select(_ => new TelnetClient(bench, 7)).ToList();
            bench.Run(3_000);
            Assert.AreEqual(2, bench.App.GetService(0).ActiveConnections);
            clients.AddRange(Enumerable.Range(0, 3).Select(_ => new TelnetClient(bench, 7)));
            bench.Run(3_000);
            foreach (var c in clients) c.Pull();
            Assert.AreEqual(0, clients.Count(c => c.EndOfStream), "no connection accepted and closed at once");
            Assert.AreEqual(4, clients.Count(c => c.State == NanoTcp.TcpState.Established), "two served, two waiting in the backlog of 2");
            // Which of the three late SYNs arrives last is up to the client's output order: that one is refused.
            var refused = clients.Skip(2).Where(c => bench.Client.GetLastError(c.Handle) == NanoTcp.TcpError.ConnectionReset).ToList();
            Assert.AreEqual(1, refused.Count, "one refused with a RST");
            var waiting = clients.Skip(2).Except(refused).ToList();
            Assert.AreEqual(2, bench.App.GetService(0).ActiveConnections);
            clients[0].Close();
            bench.Run(5_000);
            Assert.AreEqual(3, bench.App.GetService(0).ConnectionsServed, "a waiting connection took the free place");
            foreach (var c in waiting) c.Send(Encoding.ASCII.GetBytes("late"), 10_000);
            bench.RunUntil(() => waiting.Any(c => { c.Pull(); return c.Raw.Count >= 4; }), 10_000);
            Assert.AreEqual(1, waiting.Count(c => Encoding.ASCII.GetString(c.Raw.ToArray()) == "late"), "one waiting connection served");
            foreach (var c in clients.Skip(1)) c.Close();
            bench.Run(120_000);
            Assert.AreEqual(0, bench.App.GetService(0).ActiveConnections);
            Assert.AreEqual(bench.Device.ConnectionSlotCount, bench.Device.FreeConnectionSlots);
        }

        [TestMethod]
        public void Disabled_services_open_no_port()
        {
            var bench = new Bench(s => { s.EchoEnabled = false; s.DiscardEnabled = false; s.ChargenEnabled = false; });
            Assert.AreEqual(0, bench.App.ServiceCount);
            var c = new TelnetClient(bench, 7);
            bench.Run(2_000);
            Assert.AreEqual(NanoTcp.TcpError.ConnectionRefused, bench.Client.GetLastError(c.Handle));
        }
    }
}
