using System;
using System.Text.RegularExpressions;
using Microsoft.VisualStudio.TestTools.UnitTesting;
using NanoTcp.VirtualBoard.Network;

namespace NanoTcp.VirtualBoard.Tests.Harness
{
    /// <summary>
    /// Debian's <c>telnet</c> client run inside the namespace under a pseudo-terminal that tmux provides: keys are
    /// typed with <c>send-keys</c> and the screen is read with <c>capture-pane</c>, as a person would. The tmux
    /// server has its own socket; Dispose kills that server (and so telnet) by its PID.
    /// </summary>
    public sealed class TelnetUnderTmux : IDisposable
    {
        private readonly string _socket;
        private int _serverPid;

        /// <summary>Starts <c>ip netns exec NS telnet 192.0.2.2</c> in a detached tmux session.</summary>
        public TelnetUnderTmux(InteropNetwork net)
        {
            _socket = "ntvb-" + net.Namespace.Name;
            Shell.Result r = Tmux("new-session", "-d", "-s", "t", "-x", "160", "-y", "60",
                                  "ip netns exec " + net.Namespace.Name + " telnet 192.0.2.2");
            Assert.IsTrue(r.Ok, "tmux new-session failed: " + r.Error);
            Shell.Result pid = Tmux("display-message", "-p", "-t", "t", "#{pid}");
            int.TryParse(pid.Output.Trim(), out _serverPid);
        }

        /// <summary>The visible screen (and scroll-back) as text.</summary>
        public string Screen()
        {
            Shell.Result r = Tmux("capture-pane", "-p", "-J", "-S", "-200", "-t", "t");
            return r.Ok ? r.Output : "";
        }

        /// <summary>True while the telnet session (the tmux session) still exists.</summary>
        public bool Alive => Tmux("has-session", "-t", "t").Ok;

        /// <summary>Types <paramref name="text"/> and presses Enter.</summary>
        public void TypeLine(string text)
        {
            Shell.Result r = Tmux("send-keys", "-t", "t", "-l", text);
            Assert.IsTrue(r.Ok, "tmux send-keys failed: " + r.Error);
            Tmux("send-keys", "-t", "t", "Enter");
        }

        /// <summary>Waits until the screen matches <paramref name="pattern"/>; returns the match.</summary>
        public Match WaitFor(string pattern, int timeoutMs)
        {
            Match m = null;
            if (!Wait.TryUntil(() => (m = Regex.Match(Screen(), pattern)).Success, timeoutMs))
                Assert.Fail("telnet screen never showed /" + pattern + "/ within " + timeoutMs + " ms; screen:\n" + Screen());
            return m;
        }

        /// <summary>Kills the tmux server by PID (and so the telnet client) if it still runs.</summary>
        public void Dispose()
        {
            Tmux("kill-server");
            if (_serverPid > 0 && System.IO.Directory.Exists("/proc/" + _serverPid)) Signals.Send(_serverPid, 9);
        }

        private Shell.Result Tmux(params string[] args)
        {
            string[] all = new string[args.Length + 2];
            all[0] = "-L";
            all[1] = _socket;
            Array.Copy(args, 0, all, 2, args.Length);
            return Shell.Run("tmux", all, 10000);
        }
    }
}
