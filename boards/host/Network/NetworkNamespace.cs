using System;
using System.IO;
using System.Runtime.InteropServices;
using NanoTcp.VirtualBoard.Native;

namespace NanoTcp.VirtualBoard.Network
{
    /// <summary>
    /// A named Linux network namespace (<c>ip netns</c>, mounted under /run/netns). The virtual board and the
    /// interop tests keep all their traffic inside one, so nothing ever leaves the machine's own namespaces.
    /// </summary>
    public sealed class NetworkNamespace : IDisposable
    {
        private const string NetnsDirectory = "/run/netns/";
        private bool _owned;

        /// <summary>The namespace's name.</summary>
        public string Name { get; }

        private NetworkNamespace(string name, bool owned)
        {
            Name = name;
            _owned = owned;
        }

        /// <summary>True when a namespace of that name exists.</summary>
        public static bool Exists(string name)
        {
            return File.Exists(NetnsDirectory + name);
        }

        /// <summary>Refers to an existing namespace without taking ownership (Dispose leaves it alone).</summary>
        public static NetworkNamespace Open(string name)
        {
            if (!Exists(name)) throw new InvalidOperationException("network namespace " + name + " does not exist");
            return new NetworkNamespace(name, false);
        }

        /// <summary>
        /// Creates the namespace and brings its loopback up. Throws <see cref="InvalidOperationException"/> with
        /// a one-line message when it exists already or <c>ip</c> fails. Disposing deletes it.
        /// </summary>
        public static NetworkNamespace Create(string name)
        {
            if (Exists(name))
                throw new InvalidOperationException("network namespace " + name +
                    " already exists (another board running? remove it with: sudo ip netns del " + name + ")");
            Shell.Result r = Shell.Ip("netns", "add", name);
            if (!r.Ok) throw new InvalidOperationException("ip netns add " + name + " failed: " + r.Error.Trim());
            var ns = new NetworkNamespace(name, true);
            ns.Ip("link", "set", "lo", "up");
            return ns;
        }

        /// <summary>Runs <c>ip -n NAME args</c>; throws with ip's message when it fails.</summary>
        public void Ip(params string[] args)
        {
            string[] all = new string[args.Length + 2];
            all[0] = "-n";
            all[1] = Name;
            Array.Copy(args, 0, all, 2, args.Length);
            Shell.Result r = Shell.Ip(all);
            if (!r.Ok)
                throw new InvalidOperationException("ip " + string.Join(" ", all) + " failed: " + r.Error.Trim());
        }

        /// <summary>Runs a command inside the namespace (<c>ip netns exec NAME file args</c>).</summary>
        public Shell.Result Exec(string file, string[] args, int timeoutMs = 10000)
        {
            string[] all = new string[args.Length + 4];
            all[0] = "netns";
            all[1] = "exec";
            all[2] = Name;
            all[3] = file;
            Array.Copy(args, 0, all, 4, args.Length);
            return Shell.Run("ip", all, timeoutMs);
        }

        /// <summary>
        /// Moves the calling thread into the namespace until the returned scope is disposed. Sockets and TAP
        /// devices created meanwhile belong to the namespace for their whole life (setns(2) is per thread).
        /// </summary>
        public Scope Enter()
        {
            int self = LibC.OpenPath("/proc/thread-self/ns/net", LibC.O_RDONLY | LibC.O_CLOEXEC);
            if (self < 0) throw new InvalidOperationException("cannot open /proc/thread-self/ns/net: " + LibC.ErrorText(-self));
            int target = LibC.OpenPath(NetnsDirectory + Name, LibC.O_RDONLY | LibC.O_CLOEXEC);
            if (target < 0)
            {
                LibC.Close(self);
                throw new InvalidOperationException("network namespace " + Name + " not found: " + LibC.ErrorText(-target));
            }
            int rc = LibC.SetNs(target, LibC.CLONE_NEWNET);
            int errno = Marshal.GetLastPInvokeError();
            LibC.Close(target);
            if (rc != 0)
            {
                LibC.Close(self);
                throw new InvalidOperationException("setns into " + Name + " failed: " + LibC.ErrorText(errno));
            }
            return new Scope(self);
        }

        /// <summary>Deletes the namespace if this object created it. Idempotent.</summary>
        public void Dispose()
        {
            if (!_owned) return;
            _owned = false;
            Shell.Ip("netns", "del", Name);
        }

        /// <summary>Returns the thread to the namespace it was in before <see cref="Enter"/>.</summary>
        public sealed class Scope : IDisposable
        {
            private int _previous;

            internal Scope(int previous)
            {
                _previous = previous;
            }

            /// <summary>Switches back (setns to the saved namespace).</summary>
            public void Dispose()
            {
                int fd = _previous;
                if (fd < 0) return;
                _previous = -1;
                int rc = LibC.SetNs(fd, LibC.CLONE_NEWNET);
                LibC.Close(fd);
                // A thread stranded in another namespace would leak traffic expectations: never continue.
                if (rc != 0) Environment.FailFast("setns back to the original network namespace failed");
            }
        }
    }
}
