using System;
using System.Threading;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace NanoTcp.Sockets.Tests.Harness
{
    /// <summary>Runs test code on its own thread; <see cref="Join"/> rethrows its failure.</summary>
    public sealed class Background
    {
        private readonly Thread _thread;
        private Exception _error;

        public Background(Action action)
        {
            _thread = new Thread(() =>
            {
                try { action(); }
                catch (Exception e) { _error = e; }
            }) { IsBackground = true };
            _thread.Start();
        }

        public bool IsAlive => _thread.IsAlive;

        /// <summary>Waits (bounded) for the thread and rethrows what it threw.</summary>
        public void Join(int timeoutMs = 20000)
        {
            Assert.IsTrue(_thread.Join(timeoutMs), "background thread still running after " + timeoutMs + " ms");
            if (_error != null) throw new AssertFailedException("background thread failed: " + _error, _error);
        }
    }
}
