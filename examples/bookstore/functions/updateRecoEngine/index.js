console.log('Loading function update Reco Engine');

exports.handler = async (event, context) => {
    var Reco = { RecoengineUpdated : "True"};
    return Reco;
};
