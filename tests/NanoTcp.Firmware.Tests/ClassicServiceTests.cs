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
        public void Connections_beyond_the_limit_are_closed_at_once()
        {
            var bench = new Bench(s => s.ServiceConnections = 2);
            var clients = Enumerable.Range(0, 3).Select(_ => new TelnetClient(bench, 7)).ToList();
            bench.Run(3_000);
            foreach (var c in clients) c.Pull();
            Assert.AreEqual(1, clients.Count(c => c.EndOfStream));
            Assert.AreEqual(2, bench.App.GetService(0).ActiveConnections);
            foreach (var c in clients) c.Close();
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
