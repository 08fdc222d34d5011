using System.Diagnostics;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.Sockets.Tests.Harness;
using Wait = NanoTcp.VirtualBoard.Tests.Harness.Wait;

namespace NanoTcp.Sockets.Tests
{
    [TestClass]
    public sealed class ListenerTests
    {
        [TestMethod]
        public void AcceptReturnsTheConnectingClient()
        {
            using var pair = new PumpPair();
            var listener = new TcpListener(pair.Server, 7000);
            listener.Start(2);
            var client = new TcpClient(pair.Client);
            var connect = new Background(() => client.Connect(PumpPair.ServerAddress, 7000));
            TcpClient accepted = listener.AcceptTcpClient();
            connect.Join();
            Assert.IsTrue(accepted.Connected);
            Assert.IsTrue(client.Connected);
            Assert.AreEqual(TcpState.Established, Locked(pair.Server, () => pair.Server.Stack.GetState(accepted.Handle)));
            accepted.Close();
            client.Close();
            listener.Stop();
        }

        [TestMethod]
        public void AcceptTimesOutWhenNobodyConnects()
        {
            using var pair = new PumpPair();
            var listener = new TcpListener(pair.Server, 7001);
            listener.Start();
            var into = new TcpClient(pair.Server);
            var watch = Stopwatch.StartNew();
            Assert.IsFalse(listener.AcceptTcpClient(into, 300));
            Assert.IsTrue(watch.ElapsedMilliseconds >= 290, "returned after " + watch.ElapsedMilliseconds + " ms");
            Assert.AreEqual(-1, into.Handle);
            Assert.IsFalse(listener.AcceptTcpClient(into, 0), "timeout 0 polls");
        }

        [TestMethod]
        public void PendingTurnsTrueWhenAConnectionWaitsAndAcceptTakesThatOne()
        {
            using var pair = new PumpPair();
            var listener = new TcpListener(pair.Server, 7002);
            listener.Start(2);
            Assert.IsFalse(listener.Pending());
            var client = new TcpClient(pair.Client);
            client.Connect(PumpPair.ServerAddress, 7002);
            Assert.IsTrue(Wait.TryUntil(listener.Pending, 5000));
            var into = new TcpClient(pair.Server);
            Assert.IsTrue(listener.AcceptTcpClient(into, 0), "the connection Pending saw is accepted without waiting");
            Assert.IsFalse(listener.Pending());
        }

        [TestMethod]
        public void StopReleasesABlockedAcceptAndFreesThePort()
        {
            using var pair = new PumpPair();
            var listener = new TcpListener(pair.Server, 7003);
            listener.Start();
            bool accepted = true;
            var waiter = new Background(() => accepted = listener.AcceptTcpClient(new TcpClient(pair.Server), -1));
            Thread.Sleep(100);
            listener.Stop();
            waiter.Join(5000);
            Assert.IsFalse(accepted);
            Assert.IsFalse(listener.Active);
            var again = new TcpListener(pair.Server, 7003);
            again.Start(); // the port is free again
            Assert.IsTrue(again.Active);
        }

        [TestMethod]
        public void ConnectWithoutListenerIsRefused()
        {
            using var pair = new PumpPair();
            var client = new TcpClient(pair.Client);
            var e = Assert.ThrowsExactly<SocketException>(() => client.Connect(PumpPair.ServerAddress, 7999));
            Assert.AreEqual(TcpError.ConnectionRefused, e.Error);
            Assert.IsFalse(client.Connected);
            Assert.AreEqual(-1, client.Handle, "a failed connect frees the slot");
        }

        [TestMethod]
        public void StartOnAPortInUseThrowsAddressInUse()
        {
            using var pair = new PumpPair();
            new TcpListener(pair.Server, 7004).Start();
            var e = Assert.ThrowsExactly<SocketException>(() => new TcpListener(pair.Server, 7004).Start());
            Assert.AreEqual(TcpError.AddressInUse, e.Error);
        }

        private static T Locked<T>(NetworkPump pump, System.Func<T> read)
        {
            lock (pump.SyncRoot) return read();
        }
    }
}
