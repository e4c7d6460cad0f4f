int broken(void) {
  return <img src=x>;
}
