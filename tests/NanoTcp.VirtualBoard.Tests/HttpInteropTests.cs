using System;
using System.Linq;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.VirtualBoard.Network;
using NanoTcp.VirtualBoard.Tests.Harness;

namespace NanoTcp.VirtualBoard.Tests
{
    /// <summary>
    /// Issue 14: the firmware's HTTP status server (firmware/Http, on the Sockets API) against curl and the Linux
    /// kernel's TCP in the test namespace: the pages, and every bad input ending as documented with the slot freed.
    /// </summary>
    [TestClass]
    public sealed class HttpInteropTests
    {
        private const int CurlPort = 41080;

        [TestMethod]
        public void CurlGetsTheStatusPageListingItsOwnConnection()
        {
            using var net = Start();
            Shell.Result r = Curl(net, "--local-port", CurlPort.ToString(), "http://192.0.2.2/");
            Assert.IsTrue(r.Ok, "curl failed: " + r.Error);
            StringAssert.StartsWith(r.Output, "HTTP/1.1 200 OK\r\n");
            StringAssert.Contains(r.Output, "Content-Type: text/html; charset=utf-8\r\n");
            StringAssert.Contains(r.Output, "<td>192.0.2.2:80</td><td>192.0.2.1:" + CurlPort + "</td><td>ESTABLISHED</td>");
            StringAssert.Contains(r.Output, "<meta http-equiv=\"refresh\"");
            AssertHttpSlotsFreed(net);
        }

        [TestMethod]
        public void CurlGetsTheMetricsAsPrometheusText()
        {
            using var net = Start();
            Shell.Result r = Curl(net, "http://192.0.2.2/metrics");
            Assert.IsTrue(r.Ok, "curl failed: " + r.Error);
            StringAssert.StartsWith(r.Output, "HTTP/1.1 200 OK\r\n");
            StringAssert.Contains(r.Output, "Content-Type: text/plain; version=0.0.4; charset=utf-8\r\n");
            StringAssert.Contains(r.Output, "# TYPE nanotcp_tcp_segments_received_total counter\nnanotcp_tcp_segments_received_total ");
            StringAssert.Contains(r.Output, "nanotcp_tcp_connections{state=\"ESTABLISHED\"} 1\n");
            AssertHttpSlotsFreed(net);
        }

        [TestMethod]
        public void AnOverLongRequestLineIsAnswered414()
        {
            using var net = Start();
            Shell.Result r = Curl(net, "http://192.0.2.2/" + new string('a', 4000));
            Assert.IsTrue(r.Ok, "curl failed: " + r.Error);
            StringAssert.StartsWith(r.Output, "HTTP/1.1 414 URI Too Long\r\n");
            StringAssert.Contains(r.Output, "Connection: close\r\n");
            AssertHttpSlotsFreed(net);
        }

        [TestMethod]
        public void OneMegabyteOfHeadersIsAnswered431()
        {
            // curl refuses to build a 1 MB request (its own limit), so the kernel's TCP sends it: the server answers
            // after its 1 KB limit, reads and discards the rest while it lingers, and the client reads the 431.
            using var net = Start(s => s.HttpLingerMs = 10000);
            Socket s = net.Connect(80);
            s.ReceiveTimeout = 20000;
            s.SendTimeout = 20000;
            var head = new StringBuilder("GET / HTTP/1.1\r\nHost: x\r\n");
            for (int i = 0; head.Length < 1024 * 1024; i++) head.Append("X-Pad-").Append(i).Append(": ").Append('x', 1000).Append("\r\n");
            byte[] bytes = Encoding.ASCII.GetBytes(head.Append("\r\n").ToString());
            int sent = 0;
            while (sent < bytes.Length) sent += s.Send(bytes, sent, bytes.Length - sent, SocketFlags.None);
            string answer = ReadToEnd(s);
            s.Close();
            StringAssert.StartsWith(answer, "HTTP/1.1 431 Request Header Fields Too Large\r\n");
            StringAssert.Contains(answer, "Connection: close\r\n");
            AssertHttpSlotsFreed(net);
        }

        [TestMethod]
        public void ASlowlorisIsAnswered408AfterTheRequestTimeout()
        {
            using var net = Start(s => s.HttpRequestTimeoutMs = 2000);
            Socket s = net.Connect(80);
            s.ReceiveTimeout = 10000;
            var start = DateTime.UtcNow;
            // A byte every 300 ms: every read is quick, but the head never completes.
            foreach (byte b in Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: x\r\nX-Slow: "))
            {
                if (s.Available > 0 || (DateTime.UtcNow - start).TotalMilliseconds > 8000) break;
                s.Send(new[] { b });
                Thread.Sleep(300);
            }
            string answer = ReadToEnd(s);
            s.Close();
            StringAssert.StartsWith(answer, "HTTP/1.1 408 Request Timeout\r\n");
            Assert.IsTrue((DateTime.UtcNow - start).TotalMilliseconds >= 1900, "not before the request timeout");
            AssertHttpSlotsFreed(net);
        }

        [TestMethod]
        public void PipelinedGarbageIsAnswered400ThenClosed()
        {
            using var net = Start();
            Socket s = net.Connect(80);
            s.ReceiveTimeout = 10000;
            s.Send(Encoding.ASCII.GetBytes("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n\u0001\u0002GARBAGE garbage\r\n\r\n"));
            string answer = ReadToEnd(s);
            s.Close();
            StringAssert.StartsWith(answer, "HTTP/1.1 200 OK\r\n");
            int second = answer.IndexOf("HTTP/1.1 400 Bad Request\r\n", StringComparison.Ordinal);
            Assert.IsTrue(second > 0, "no 400 after the 200: " + answer);
            StringAssert.Contains(answer.Substring(second), "Connection: close\r\n");
            AssertHttpSlotsFreed(net);
        }

        private static InteropNetwork Start(Action<Firmware.FirmwareSettings> configure = null)
        {
            return InteropNetwork.Start(o => o.Configure = configure, "curl");
        }

        private static Shell.Result Curl(InteropNetwork net, params string[] args)
        {
            // -i: status line and header fields in the output; bounded by --max-time.
            return net.Exec("curl", new[] { "-sS", "-i", "--max-time", "20" }.Concat(args).ToArray());
        }

        // Everything until the server closes (the socket's receive timeout bounds each read).
        private static string ReadToEnd(Socket s)
        {
            var all = new StringBuilder();
            var buffer = new byte[8192];
            while (true)
            {
                int n;
                try { n = s.Receive(buffer); }
                catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset) { break; }
                if (n == 0) break;
                all.Append(Encoding.Latin1.GetString(buffer, 0, n));
            }
            return all.ToString();
        }

        // No board connection on port 80 holds a slot any more (TIME-WAIT is reclaimable), and the workers are
        // back at accept: another request is served.
        private static void AssertHttpSlotsFreed(InteropNetwork net)
        {
            Wait.Until(() => net.BoardConnections().All(c => c.LocalPort != 80 || c.State == TcpState.TimeWait), 10000,
                "every HTTP connection on the board to end");
            Shell.Result r = Curl(net, "http://192.0.2.2/metrics");
            Assert.IsTrue(r.Ok && r.Output.StartsWith("HTTP/1.1 200 OK\r\n"), "served again afterwards: " + r.Error + r.Output);
        }
    }
}
