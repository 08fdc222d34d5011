using System.Text;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Firmware;

namespace NanoTcp.Sockets.Tests
{
    /// <summary>The request-head parser alone: every accepted form and every rejection, whole and byte by byte.</summary>
    [TestClass]
    public sealed class HttpRequestHeadTests
    {
        private const int MaxLine = 64;
        private const int MaxHeaders = 128;

        [TestMethod]
        [DataRow("GET / HTTP/1.1\r\nHost: b\r\n\r\n", HttpRequestHead.PageStatus, true)]
        [DataRow("GET /metrics HTTP/1.1\r\nHost: b\r\n\r\n", HttpRequestHead.PageMetrics, true)]
        [DataRow("GET /metrics?x=1 HTTP/1.1\nHost: b\n\n", HttpRequestHead.PageMetrics, true)]
        [DataRow("GET http://b/metrics HTTP/1.1\r\nHost: b\r\n\r\n", HttpRequestHead.PageMetrics, true)]
        [DataRow("\r\nGET /nope HTTP/1.1\r\nHost: b\r\n\r\n", HttpRequestHead.PageOther, true)]
        [DataRow("GET / HTTP/1.1\r\nHost: b\r\nConnection: Close\r\n\r\n", HttpRequestHead.PageStatus, false)]
        [DataRow("GET / HTTP/1.0\r\n\r\n", HttpRequestHead.PageStatus, false)]
        [DataRow("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", HttpRequestHead.PageStatus, true)]
        [DataRow("GET / HTTP/1.1\r\nHost: b\r\nContent-Length: 5\r\n\r\n", HttpRequestHead.PageStatus, false)]
        public void AcceptsValidHeads(string text, int page, bool keepAlive)
        {
            foreach (bool byteByByte in new[] { false, true })
            {
                HttpRequestHead head = Parse(text, byteByByte, out int used);
                Assert.AreEqual(HttpRequestHead.Complete, head.State, text);
                Assert.AreEqual(page, head.Page);
                Assert.AreEqual(keepAlive, head.KeepAlive);
                Assert.IsTrue(head.MethodAllowed);
                Assert.AreEqual(text.Length, used);
            }
        }

        [TestMethod]
        public void StopsAtTheEndOfTheHeadSoPipelinedBytesStay()
        {
            const string first = "HEAD / HTTP/1.1\r\nHost: b\r\n\r\n";
            HttpRequestHead head = Parse(first + "GET / HTTP/1.1\r\n", false, out int used);
            Assert.AreEqual(first.Length, used);
            Assert.IsTrue(head.IsHead);
        }

        [TestMethod]
        public void OtherMethodsParseButAreNotAllowedAndClose()
        {
            HttpRequestHead head = Parse("POST / HTTP/1.1\r\nHost: b\r\n\r\n", false, out _);
            Assert.AreEqual(HttpRequestHead.Complete, head.State);
            Assert.IsFalse(head.MethodAllowed);
            Assert.IsFalse(head.KeepAlive);
        }

        [TestMethod]
        [DataRow("GARBAGE\r\n\r\n", HttpStatus.BadRequest, DisplayName = "no spaces")]
        [DataRow("GET /\r\n\r\n", HttpStatus.BadRequest, DisplayName = "no version")]
        [DataRow("GET  / HTTP/1.1\r\n", HttpStatus.BadRequest, DisplayName = "double space")]
        [DataRow("G(T / HTTP/1.1\r\n", HttpStatus.BadRequest, DisplayName = "method not a token")]
        [DataRow("GET / HTTP/1.1 x\r\n", HttpStatus.BadRequest, DisplayName = "three spaces")]
        [DataRow("GET / HTTX/1.1\r\n", HttpStatus.BadRequest, DisplayName = "bad version")]
        [DataRow("GET / HTTP/2.0\r\n", HttpStatus.VersionNotSupported, DisplayName = "major 2")]
        [DataRow("GET /\u0001 HTTP/1.1\r\n", HttpStatus.BadRequest, DisplayName = "control byte in target")]
        [DataRow("GET a HTTP/1.1\r\n", HttpStatus.BadRequest, DisplayName = "target not a path")]
        [DataRow("GET / HTTP/1.1\r\n\r\n", HttpStatus.BadRequest, DisplayName = "1.1 without Host")]
        [DataRow("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", HttpStatus.BadRequest, DisplayName = "two Hosts")]
        [DataRow("GET / HTTP/1.1\r\nHost : b\r\n\r\n", HttpStatus.BadRequest, DisplayName = "space before colon")]
        [DataRow("GET / HTTP/1.1\r\nHost: b\r\n folded\r\n\r\n", HttpStatus.BadRequest, DisplayName = "obs-fold")]
        [DataRow("GET / HTTP/1.1\r\nNoColon\r\n\r\n", HttpStatus.BadRequest, DisplayName = "field without colon")]
        [DataRow("GET / HTTP/1.1\r\nHost: b\rX\r\n\r\n", HttpStatus.BadRequest, DisplayName = "bare CR")]
        [DataRow("GET / HTTP/1.1\r\nHost: b\r\nContent-Length: 1x\r\n\r\n", HttpStatus.BadRequest, DisplayName = "bad Content-Length")]
        [DataRow("\r\n\r\n\r\nGET / HTTP/1.1\r\n", HttpStatus.BadRequest, DisplayName = "three leading empty lines")]
        public void RejectsMalformedHeads(string text, int status)
        {
            foreach (bool byteByByte in new[] { false, true })
            {
                HttpRequestHead head = Parse(text, byteByByte, out _);
                Assert.AreEqual(HttpRequestHead.Failed, head.State, text);
                Assert.AreEqual(status, head.Status, text);
            }
        }

        [TestMethod]
        public void ALongTargetFailsWith414AsSoonAsTheLimitPasses()
        {
            string line = "GET /" + new string('a', 500);
            HttpRequestHead head = Parse(line, false, out int used);
            Assert.AreEqual(HttpStatus.UriTooLong, head.Status);
            Assert.AreEqual(MaxLine + 1, used, "fails on the first byte over the limit, without waiting for the line's end");
        }

        [TestMethod]
        public void ALongLineWithoutATargetFailsWith400()
        {
            HttpRequestHead head = Parse(new string('A', 500), false, out _);
            Assert.AreEqual(HttpStatus.BadRequest, head.Status);
        }

        [TestMethod]
        public void HeadersOverTheLimitFailWith431()
        {
            string text = "GET / HTTP/1.1\r\nHost: b\r\nX-Big: " + new string('x', 1 << 20);
            HttpRequestHead head = Parse(text, false, out int used);
            Assert.AreEqual(HttpStatus.HeaderFieldsTooLarge, head.Status);
            Assert.IsTrue(used < 200, "stopped after " + used + " bytes, not after the megabyte");
        }

        [TestMethod]
        public void ManySmallHeadersCountTogether()
        {
            var text = new StringBuilder("GET / HTTP/1.1\r\nHost: b\r\n");
            for (int i = 0; i < 40; i++) text.Append("A: b\r\n");
            HttpRequestHead head = Parse(text.Append("\r\n").ToString(), false, out _);
            Assert.AreEqual(HttpStatus.HeaderFieldsTooLarge, head.Status);
        }

        [TestMethod]
        public void ResetStartsTheNextRequestAfresh()
        {
            HttpRequestHead head = Parse("GARBAGE\r\n", false, out _);
            Assert.AreEqual(HttpRequestHead.Failed, head.State);
            head.Reset();
            Assert.IsFalse(head.Started);
            byte[] ok = Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: b\r\n\r\n");
            head.Feed(ok, 0, ok.Length);
            Assert.AreEqual(HttpRequestHead.Complete, head.State);
        }

        private static HttpRequestHead Parse(string text, bool byteByByte, out int used)
        {
            var head = new HttpRequestHead(MaxLine, MaxHeaders);
            byte[] bytes = Encoding.Latin1.GetBytes(text);
            used = 0;
            if (!byteByByte) used = head.Feed(bytes, 0, bytes.Length);
            else
            {
                while (used < bytes.Length && head.State == HttpRequestHead.Incomplete) used += head.Feed(bytes, used, 1);
            }
            return head;
        }
    }
}
