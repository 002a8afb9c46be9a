const config = {
  mapsKey: "AIzaoVpi1mEgFnGXyMHFIY7akhZjwzZFc-bAAwQ",
  region: "eu-west-1",
};
export default config;
