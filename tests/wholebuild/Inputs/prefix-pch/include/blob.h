/* no include guard */
struct blob {
  unsigned len;
  void *data;
};
