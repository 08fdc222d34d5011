using System;
using System.IO;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Sockets.Tests.Harness;
using Wait = NanoTcp.VirtualBoard.Tests.Harness.Wait;

namespace NanoTcp.Sockets.Tests
{
    [TestClass]
    public sealed class StreamTests
    {
        [TestMethod]
        public void BytesWrittenOnOneSideAreReadOnTheOther()
        {
            using var pair = new PumpPair();
            var c = Connected.Open(pair, 7100);
            byte[] sent = Pattern(10000, 3);
            NetworkStream a = c.Client.GetStream();
            NetworkStream b = c.Server.GetStream();
            b.ReadTimeout = 10000;
            var writer = new Background(() => a.Write(sent, 0, sent.Length));
            byte[] got = ReadExactly(b, sent.Length);
            writer.Join();
            CollectionAssert.AreEqual(sent, got);
        }

        [TestMethod]
        public void ReadReturnsZeroAtEndOfStreamAfterTheData()
        {
            using var pair = new PumpPair();
            var c = Connected.Open(pair, 7101);
            c.Server.GetStream().Write(new byte[] { 1, 2, 3 }, 0, 3);
            Assert.AreEqual(0, c.Server.Shutdown());
            NetworkStream s = c.Client.GetStream();
            s.ReadTimeout = 10000;
            var buffer = new byte[16];
            int n = 0;
            while (n < 3) n += s.Read(buffer, n, buffer.Length - n);
            Assert.AreEqual(3, n);
            Assert.AreEqual(0, s.Read(buffer, 0, buffer.Length), "end of stream");
            Assert.AreEqual(0, s.Read(buffer, 0, buffer.Length), "end of stream stays");
        }

        [TestMethod]
        public void ReadTimesOutWithWouldBlockAndTheConnectionStaysUsable()
        {
            using var pair = new PumpPair();
            var c = Connected.Open(pair, 7102);
            NetworkStream s = c.Client.GetStream();
            s.ReadTimeout = 200;
            var buffer = new byte[8];
            var e = Assert.ThrowsExactly<SocketException>(() => s.Read(buffer, 0, 8));
            Assert.AreEqual(TcpError.WouldBlock, e.Error);
            Assert.IsInstanceOfType<IOException>(e, "stream code catching IOException sees it");
            c.Server.GetStream().Write(new byte[] { 42 }, 0, 1);
            s.ReadTimeout = 10000;
            Assert.AreEqual(1, s.Read(buffer, 0, 8));
            Assert.AreEqual(42, buffer[0]);
        }

        [TestMethod]
        public void WriteTimesOutWhenThePeerDoesNotRead()
        {
            using var pair = new PumpPair(bufferSize: 2048);
            var c = Connected.Open(pair, 7103);
            NetworkStream s = c.Client.GetStream();
            s.WriteTimeout = 500;
            byte[] big = Pattern(64 * 1024, 1); // far beyond our send buffer plus the peer's window
            var e = Assert.ThrowsExactly<SocketException>(() => s.Write(big, 0, big.Length));
            Assert.AreEqual(TcpError.WouldBlock, e.Error);
            Assert.IsTrue(c.Client.Connected);
        }

        [TestMethod]
        public void WriteBlocksForSpaceAndCompletesWhenThePeerReads()
        {
            using var pair = new PumpPair(bufferSize: 2048);
            var c = Connected.Open(pair, 7104);
            byte[] sent = Pattern(50000, 7);
            NetworkStream a = c.Client.GetStream();
            a.WriteTimeout = 20000;
            var writer = new Background(() => a.Write(sent, 0, sent.Length));
            Thread.Sleep(100);
            Assert.IsTrue(writer.IsAlive, "the write waits for buffer space");
            NetworkStream b = c.Server.GetStream();
            b.ReadTimeout = 10000;
            byte[] got = ReadExactly(b, sent.Length);
            writer.Join();
            CollectionAssert.AreEqual(sent, got);
        }

        [TestMethod]
        public void FlushReturnsOnceThePeerHasEveryByte()
        {
            using var pair = new PumpPair();
            var c = Connected.Open(pair, 7105);
            NetworkStream s = c.Client.GetStream();
            s.WriteTimeout = 10000;
            s.Write(Pattern(3000, 5), 0, 3000);
            s.Flush();
            Assert.AreEqual(3000, c.Server.Available, "acknowledged means in the peer's receive buffer");
        }

        [TestMethod]
        public void AThreadBlockedInReadGetsConnectionResetWhenThePeerResets()
        {
            using var pair = new PumpPair();
            var c = Connected.Open(pair, 7106);
            NetworkStream s = c.Server.GetStream();
            s.ReadTimeout = 20000;
            SocketException error = null;
            var reader = new Background(() =>
            {
                try { _ = s.Read(new byte[8], 0, 8); }
                catch (SocketException e) { error = e; }
            });
            Thread.Sleep(100);
            Assert.IsTrue(reader.IsAlive, "the read is blocked");
            c.Client.Abort();
            reader.Join(5000);
            Assert.IsNotNull(error);
            Assert.AreEqual(TcpError.ConnectionReset, error.Error);
            Assert.AreEqual(TcpError.ConnectionReset, c.Server.LastError);
            c.Server.Close();
            Assert.IsTrue(Wait.TryUntil(() => { lock (pair.Server.SyncRoot) return pair.Server.Stack.FreeConnectionSlots == 8; }, 5000), "the slot is freed");
        }

        [TestMethod]
        public void AbortFromAnotherThreadReleasesABlockedReadAndResetsThePeer()
        {
            using var pair = new PumpPair();
            var c = Connected.Open(pair, 7107);
            NetworkStream s = c.Client.GetStream();
            SocketException error = null;
            var reader = new Background(() =>
            {
                try { _ = s.Read(new byte[8], 0, 8); }
                catch (SocketException e) { error = e; }
            });
            Thread.Sleep(100);
            c.Client.Abort();
            reader.Join(5000);
            Assert.AreEqual(TcpError.NotConnected, error.Error);
            Assert.IsFalse(c.Client.Connected);
            NetworkStream peer = c.Server.GetStream();
            peer.ReadTimeout = 5000;
            var reset = Assert.ThrowsExactly<SocketException>(() => peer.Read(new byte[8], 0, 8));
            Assert.AreEqual(TcpError.ConnectionReset, reset.Error);
        }

        [TestMethod]
        public void DisposingTheStreamClosesTheConnectionAndThePeerSeesEndOfStream()
        {
            using var pair = new PumpPair();
            var c = Connected.Open(pair, 7108);
            c.Client.GetStream().Dispose();
            Assert.AreEqual(-1, c.Client.Handle);
            NetworkStream peer = c.Server.GetStream();
            peer.ReadTimeout = 5000;
            Assert.AreEqual(0, peer.Read(new byte[8], 0, 8));
        }

        [TestMethod]
        public void TheStreamIsNotSeekableAndRejectsZeroTimeouts()
        {
            using var pair = new PumpPair();
            var c = Connected.Open(pair, 7109);
            NetworkStream s = c.Client.GetStream();
            Assert.IsFalse(s.CanSeek);
            Assert.IsTrue(s.CanTimeout);
            Assert.AreEqual(-1, s.ReadTimeout, "no limit by default, as in .NET");
            Assert.ThrowsExactly<NotSupportedException>(() => s.Length);
            Assert.ThrowsExactly<NotSupportedException>(() => s.Seek(0, SeekOrigin.Begin));
            Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => s.ReadTimeout = 0);
            s.ReadTimeout = 250;
            Assert.AreEqual(250, c.Client.ReceiveTimeout);
        }

        [TestMethod]
        public void OptionsReachTheStackWithoutError()
        {
            using var pair = new PumpPair();
            var c = Connected.Open(pair, 7110);
            c.Client.NoDelay = true;
            c.Client.KeepAlive = true;
            Assert.IsTrue(c.Client.NoDelay);
            Assert.IsTrue(c.Client.KeepAlive);
            lock (pair.Client.SyncRoot)
            {
                Assert.AreEqual(TcpError.None, pair.Client.Stack.SetNoDelay(c.Client.Handle, true));
                Assert.AreEqual(TcpError.InvalidHandle, pair.Client.Stack.SetNoDelay(-5, true));
            }
        }

        internal static byte[] Pattern(int length, int seed)
        {
            var b = new byte[length];
            for (int i = 0; i < length; i++) b[i] = (byte)(i * 31 + seed + (i >> 8));
            return b;
        }

        internal static byte[] ReadExactly(Stream s, int length)
        {
            var got = new byte[length];
            int n = 0;
            while (n < length)
            {
                int r = s.Read(got, n, length - n);
                if (r == 0) throw new EndOfStreamException("after " + n + " bytes");
                n += r;
            }
            return got;
        }
    }
}
