// RUN: %sspi-check --dump-ir %s -- -I%S/../cxx/Inputs | FileCheck %s
// C++ object lifetimes: methods get `this` as parameter 0; member calls pass the
// object (&obj, or the pointer of p->m(), or this); constructors run on the object
// they build; destructors run in reverse order of construction where objects die
// (end of block, return after its value, break, continue, goto out of the block,
// throw, exception edges, end of the full-expression for temporaries); new and
// delete are allocations around the constructor / destructor; a reference is a
// pointer; std::unique_ptr runs its deleter on its pointer. Overloads are named
// with their parameter types (Cred::Cred() and Cred::Cred(int)).
#define UNICODE
#include "../Inputs/sspi-sim.h"
#include <memory>

void use(PCredHandle);
bool more(int);

class Cred {
public:
  CredHandle h;
  int uses = 0;
  Cred();
  explicit Cred(int flags);
  ~Cred();
  void close() { FreeCredentialsHandle(&h); }
  void touch(int n) { uses = n; close(); }
};

Cred::Cred(int flags) : uses(flags) {
  AcquireCredentialsHandle(NULL, NULL, SECPKG_CRED_OUTBOUND, NULL, NULL, NULL, NULL, &h, NULL);
}
Cred::~Cred() { close(); }
// CHECK-LABEL: func Cred::close ({{.*}}:24:8)
// CHECK-NEXT:   params this : Cred *
// CHECK:        call#1 FreeCredentialsHandle(&this->h)  ({{.*}}:24:18)
// CHECK-LABEL: func Cred::touch ({{.*}}:25:8)
// CHECK-NEXT:   params this : Cred *, n : int
// CHECK:        assign this->uses = n  ({{.*}}:25:23)
// CHECK-NEXT:   call#1 Cred::close(this) body  ({{.*}}:25:33)
// A constructor initialises its members (the list, default member initialisers).
// CHECK-LABEL: func Cred::Cred(int) ({{.*}}:28:7)
// CHECK-NEXT:   params this : Cred *, flags : int
// CHECK:        assign this->uses = flags  ({{.*}}:28:25)
// CHECK-NEXT:   call#1 AcquireCredentialsHandleW({{.*}}, &this->h, NULL=0)  ({{.*}}:29:3)
// CHECK-LABEL: func Cred::~Cred ({{.*}}:31:7)
// CHECK-NEXT:   params this : Cred *
// CHECK:        call#1 Cred::close(this) body  ({{.*}}:31:17)
// CHECK-NEXT:   return implicit  ({{.*}}:31:26)

struct Session {
  Cred cred;
  int state;
  ~Session() { use(&cred.h); }
};
// The members of class type die after the destructor's body.
// CHECK-LABEL: func Session::~Session
// CHECK:        call#1 use(&this->cred.h)
// CHECK-NEXT:   call#2 Cred::~Cred(&this->cred) body  ({{.*}}:52:30)
// CHECK-NEXT:   return implicit  ({{.*}}:52:30)

int blocks(int k, Cred *p) {
  Cred a;
  Cred b(k);
  a.touch(1);
  p->close();
  {
    Cred c(2);
    if (k)
      return b.uses;
  }
  return 0;
}
// The return value is read before the destructors run.
// CHECK-LABEL: func blocks
// CHECK:      bb0:
// CHECK-NEXT:   decl a : Cred  ({{.*}}:61:8)
// CHECK-NEXT:   call#1 Cred::Cred()(&a)  ({{.*}}:61:8)
// CHECK-NEXT:   decl b : Cred  ({{.*}}:62:8)
// CHECK-NEXT:   call#2 Cred::Cred(int)(&b, k) body  ({{.*}}:62:8)
// CHECK-NEXT:   call#3 Cred::touch(&a, 1) body  ({{.*}}:63:3)
// CHECK-NEXT:   call#4 Cred::close(p) body  ({{.*}}:64:3)
// CHECK-NEXT:   decl c : Cred  ({{.*}}:66:10)
// CHECK-NEXT:   call#5 Cred::Cred(int)(&c, 2) body  ({{.*}}:66:10)
// CHECK-NEXT:   branch cmp(k != 0) -> [[RET:bb[0-9]+]], [[END:bb[0-9]+]]  ({{.*}}:67:9)
// CHECK-NEXT: [[RET]]:
// CHECK-NEXT:   assign $t1 = b.uses  ({{.*}}:68:7)
// CHECK-NEXT:   call#6 Cred::~Cred(&c) body  ({{.*}}:68:7)
// CHECK-NEXT:   call#7 Cred::~Cred(&b) body  ({{.*}}:68:7)
// CHECK-NEXT:   call#8 Cred::~Cred(&a) body  ({{.*}}:68:7)
// CHECK-NEXT:   return $t1  ({{.*}}:68:7)
// CHECK-NEXT: [[END]]:
// CHECK-NEXT:   call#9 Cred::~Cred(&c) body  ({{.*}}:69:3)
// CHECK-NEXT:   call#10 Cred::~Cred(&b) body  ({{.*}}:70:3)
// CHECK-NEXT:   call#11 Cred::~Cred(&a) body  ({{.*}}:70:3)
// CHECK-NEXT:   return 0  ({{.*}}:70:3)

void loops(int n) {
  for (int i = 0; i < n; i++) {
    Cred c(i);
    if (more(i))
      break;
    if (i == 2)
      continue;
    use(&c.h);
  }
}
// CHECK-LABEL: func loops
// CHECK:        branch cmp(i < n) -> [[BODY:bb[0-9]+]], [[EXIT:bb[0-9]+]]
// CHECK-NEXT: [[BODY]]:
// CHECK-NEXT:   decl c : Cred  ({{.*}}:98:10)
// CHECK-NEXT:   call#1 Cred::Cred(int)(&c, i) body  ({{.*}}:98:10)
// CHECK-NEXT:   call#2 more(i)
// CHECK-NEXT:   branch cmp(call#2 != 0) -> [[BRK:bb[0-9]+]], [[NEXT:bb[0-9]+]]
// CHECK-NEXT: [[INC:bb[0-9]+]]:
// CHECK-NEXT:   assign i = ?
// CHECK-NEXT:   goto
// CHECK-NEXT: [[EXIT]]:
// CHECK-NEXT:   return implicit
// CHECK-NEXT: [[BRK]]:
// CHECK-NEXT:   call#3 Cred::~Cred(&c) body  ({{.*}}:100:7)
// CHECK-NEXT:   goto [[EXIT]]
// CHECK-NEXT: [[NEXT]]:
// CHECK-NEXT:   branch cmp(i == 2) -> [[CONT:bb[0-9]+]], [[USE:bb[0-9]+]]
// CHECK-NEXT: [[CONT]]:
// CHECK-NEXT:   call#4 Cred::~Cred(&c) body  ({{.*}}:102:7)
// CHECK-NEXT:   goto [[INC]]
// CHECK-NEXT: [[USE]]:
// CHECK-NEXT:   call#5 use(&c.h)  ({{.*}}:103:5)
// CHECK-NEXT:   call#6 Cred::~Cred(&c) body  ({{.*}}:104:3)
// CHECK-NEXT:   goto [[INC]]

void jumps(int k) {
  {
    Cred c(k);
    if (k)
      goto out;
    use(&c.h);
  }
out:
  Cred d(0);
  if (more(k))
    throw k;
}
// goto out of the block and throw out of the function destroy what they leave.
// CHECK-LABEL: func jumps
// CHECK:        call#1 Cred::Cred(int)(&c, k) body  ({{.*}}:133:10)
// CHECK-NEXT:   branch cmp(k != 0) -> [[GOTO:bb[0-9]+]], [[STAY:bb[0-9]+]]
// CHECK-NEXT: [[GOTO]]:
// CHECK-NEXT:   call#2 Cred::~Cred(&c) body  ({{.*}}:135:7)
// CHECK-NEXT:   goto [[OUT:bb[0-9]+]]
// CHECK-NEXT: [[STAY]]:
// CHECK-NEXT:   call#3 use(&c.h)
// CHECK-NEXT:   call#4 Cred::~Cred(&c) body  ({{.*}}:137:3)
// CHECK-NEXT:   goto [[OUT]]
// CHECK-NEXT: [[OUT]]:
// CHECK-NEXT:   decl d : Cred  ({{.*}}:139:8)
// CHECK-NEXT:   call#5 Cred::Cred(int)(&d, 0) body  ({{.*}}:139:8)
// CHECK-NEXT:   call#6 more(k)
// CHECK-NEXT:   branch cmp(call#6 != 0) -> [[THROW:bb[0-9]+]], [[FIN:bb[0-9]+]]
// CHECK-NEXT: [[THROW]]:
// CHECK-NEXT:   call#7 Cred::~Cred(&d) body  ({{.*}}:141:5)
// CHECK-NEXT:   throw  ({{.*}}:141:5)
// CHECK-NEXT: [[FIN]]:
// CHECK-NEXT:   call#8 Cred::~Cred(&d) body  ({{.*}}:142:1)
// CHECK-NEXT:   return implicit  ({{.*}}:142:1)

void exceptions(int k) {
  try {
    Cred c(k);
    if (k)
      throw 1;
    more(k);
  } catch (int) {
    return;
  }
}
// A constructor that throws has built nothing: its exception edge leaves before
// the call. Edges from later calls destroy the objects of the try on the way.
// CHECK-LABEL: func exceptions
// CHECK:      bb0:
// CHECK-NEXT:   decl c : Cred  ({{.*}}:168:10)
// CHECK-NEXT:   switch ? [0 -> [[H:bb[0-9]+]]] default [[CTOR:bb[0-9]+]]  (?)
// CHECK-NEXT: [[H]]:
// CHECK-NEXT:   assign ? = ?
// CHECK-NEXT:   return
// CHECK-NEXT: [[END:bb[0-9]+]]:
// CHECK-NEXT:   return implicit
// CHECK-NEXT: [[CTOR]]:
// CHECK-NEXT:   call#1 Cred::Cred(int)(&c, k) body  ({{.*}}:168:10)
// CHECK-NEXT:   branch cmp(k != 0) -> [[THROW:bb[0-9]+]], [[MORE:bb[0-9]+]]
// CHECK-NEXT: [[THROW]]:
// CHECK-NEXT:   call#2 Cred::~Cred(&c) body  ({{.*}}:170:7)
// CHECK-NEXT:   goto [[H]]
// CHECK-NEXT: [[MORE]]:
// CHECK-NEXT:   call#3 more(k)  ({{.*}}:171:5)
// CHECK-NEXT:   branch unknown -> [[PAD:bb[0-9]+]], [[NORMAL:bb[0-9]+]]  (?)
// CHECK-NEXT: [[NORMAL]]:
// CHECK-NEXT:   call#5 Cred::~Cred(&c) body  ({{.*}}:172:3)
// CHECK-NEXT:   goto [[END]]
// CHECK-NEXT: [[PAD]]:
// CHECK-NEXT:   call#4 Cred::~Cred(&c) body  ({{.*}}:171:5)
// CHECK-NEXT:   goto [[H]]

void temporaries(int k) {
  Cred(k).close();
  if (Cred(2).uses)
    more(k);
}
// Temporaries die at the end of their full-expression (a condition: on both edges).
// CHECK-LABEL: func temporaries
// CHECK:        decl $t1 : Cred  ({{.*}}:204:3)
// CHECK-NEXT:   call#1 Cred::Cred(int)(&$t1, k) body  ({{.*}}:204:3)
// CHECK-NEXT:   call#2 Cred::close(&$t1) body  ({{.*}}:204:3)
// CHECK-NEXT:   call#3 Cred::~Cred(&$t1) body  ({{.*}}:204:3)
// CHECK-NEXT:   decl $t2 : Cred  ({{.*}}:205:7)
// CHECK-NEXT:   call#4 Cred::Cred(int)(&$t2, 2) body  ({{.*}}:205:7)
// CHECK-NEXT:   branch cmp($t2.uses != 0) -> [[T:bb[0-9]+]], [[F:bb[0-9]+]]
// CHECK:      [[T]]:
// CHECK-NEXT:   call#5 Cred::~Cred(&$t2) body  ({{.*}}:205:7)
// CHECK:      [[F]]:
// CHECK-NEXT:   call#6 Cred::~Cred(&$t2) body  ({{.*}}:205:7)

void heap(int k) {
  Cred *p = new Cred(k);
  CredHandle *h = new CredHandle[2];
  delete p;
  delete[] h;
}
// new is an allocation ("new", a rule) then the constructor on its result (stored
// first when it initialises a pointer); delete the destructor then "delete".
// CHECK-LABEL: func heap
// CHECK:        call#1 new()  ({{.*}}:223:13)
// CHECK-NEXT:   assign p = call#1  ({{.*}}:223:9)
// CHECK-NEXT:   call#2 Cred::Cred(int)(p, k) body  ({{.*}}:223:17)
// CHECK-NEXT:   call#3 new[]()  ({{.*}}:224:19)
// CHECK-NEXT:   assign h = call#3
// CHECK-NEXT:   call#4 Cred::~Cred(p) body  ({{.*}}:225:3)
// CHECK-NEXT:   call#5 delete(p)  ({{.*}}:225:3)
// CHECK-NEXT:   call#6 delete[](h)  ({{.*}}:226:3)

struct CredDeleter {
  void operator()(CredHandle *p) const { FreeCredentialsHandle(p); }
};

void owner(CredHandle *raw) {
  std::unique_ptr<CredHandle, CredDeleter> g(raw);
  use(g.get());
}
// std::unique_ptr<T, D>: its pointer is the member get(); at its end, D's
// operator() runs on it when it is not null.
// CHECK-LABEL: func CredDeleter::operator()
// CHECK-NEXT:   params this : CredDeleter *, p : CredHandle *
// CHECK-LABEL: func owner
// CHECK:        decl g : std::unique_ptr<CredHandle, CredDeleter>  ({{.*}}:245:44)
// CHECK-NEXT:   assign g.get() = raw  ({{.*}}:245:44)
// CHECK-NEXT:   call#1 use(g.get())  ({{.*}}:246:3)
// CHECK-NEXT:   branch cmp(g.get() != 0) -> [[DEL:bb[0-9]+]], [[END:bb[0-9]+]]  ({{.*}}:247:1)
// CHECK-NEXT: [[DEL]]:
// CHECK-NEXT:   call#2 CredDeleter::operator()(&g.get_deleter(), g.get()) body  ({{.*}}:247:1)
// CHECK-NEXT:   goto [[END]]

void close_ref(Cred &c) { c.close(); }
void by_ref() {
  Cred c(1);
  close_ref(c);
}
// A reference parameter is a pointer: the argument is passed by address.
// CHECK-LABEL: func close_ref
// CHECK-NEXT:   params c : Cred &
// CHECK:        call#1 Cred::close(c) body  ({{.*}}:261:27)
// CHECK-LABEL: func by_ref
// CHECK:        call#2 close_ref(&c) body  ({{.*}}:264:3)
// CHECK-NEXT:   call#3 Cred::~Cred(&c) body
